(function () {
  "use strict";
  function cards(doc) { return doc.querySelectorAll(".event"); }
  function spans(doc, start, end, entityId) {
    var found = Array.prototype.slice.call(
      doc.querySelectorAll('.m[data-start="' + start + '"][data-end="' + end + '"]'));
    if (entityId) {
      doc.querySelectorAll('.m[data-entity-id="' + CSS.escape(entityId) + '"]').forEach(function (el) {
        if (found.indexOf(el) < 0) found.push(el);
      });
    }
    return found;
  }
  function clear(doc) {
    doc.querySelectorAll(".hl-trigger, .hl-arg").forEach(function (el) {
      el.classList.remove("hl-trigger", "hl-arg");
      el.removeAttribute("data-role");
      el.style.removeProperty("--evc-sel");
    });
    cards(doc).forEach(function (c) { c.classList.remove("active"); c.setAttribute("aria-pressed", "false"); });
  }
  function select(card, scroll) {
    var doc = card.closest(".doc");
    var wasActive = card.classList.contains("active");
    clear(doc);
    if (wasActive) return;
    card.classList.add("active");
    card.setAttribute("aria-pressed", "true");
    var color = getComputedStyle(card).getPropertyValue("--evc");
    var marked = spans(doc, card.dataset.triggerStart, card.dataset.triggerEnd, "");
    marked.forEach(function (el) { el.classList.add("hl-trigger"); });
    JSON.parse(card.dataset.args || "[]").forEach(function (a) {
      spans(doc, a.start, a.end, a.entity_id).forEach(function (el) {
        el.classList.add("hl-arg");
        el.style.setProperty("--evc-sel", color);
        el.dataset.role = el.dataset.role ? el.dataset.role + "/" + a.role : a.role;
      });
    });
    card.dataset.marked = String(doc.querySelectorAll(".hl-trigger, .hl-arg").length);
    if (scroll && marked.length) marked[0].scrollIntoView({block: "nearest"});
  }
  document.addEventListener("click", function (ev) {
    var card = ev.target.closest(".event");
    if (card) {
      select(card, false);
      try { history.replaceState(null, "", card.classList.contains("active") ? "#" + card.id : location.pathname); } catch (e) {}
      return;
    }
    var trg = ev.target.closest(".trg");
    if (trg) {
      var doc = trg.closest(".doc");
      var hit = doc.querySelector('.event[data-trigger-start="' + trg.dataset.start + '"][data-trigger-end="' + trg.dataset.end + '"]');
      if (hit) { select(hit, false); hit.scrollIntoView({block: "nearest"}); }
    }
  });
  document.addEventListener("keydown", function (ev) {
    var card = ev.target.closest && ev.target.closest(".event");
    if (card && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(card, true); }
  });
  function fromHash() {
    // #doc-1-v2 scrolls to the card and selects it; #select=doc-1-v2 only selects it
    var hash = decodeURIComponent(location.hash.slice(1));
    var quiet = hash.indexOf("select=") === 0;
    var id = quiet ? hash.slice(7) : hash;
    var card = id && document.getElementById(id);
    if (card && card.classList.contains("event") && !card.classList.contains("active")) select(card, !quiet);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.documentElement.setAttribute("data-ready", "1");
})();
