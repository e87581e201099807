"""The run layer: the :class:`~pipeline.run.extractor.Extractor` facade, assembly of results, the
one input reader, and the local, process-pool and Dask runners (each takes an extractor factory).
"""
