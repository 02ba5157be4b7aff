// The Streamlit glue of the chain map (components v2); ketenkaartMap() is in chainmap-core.js.

export default function (component) {
  var data = component.data, setTriggerValue = component.setTriggerValue, parentElement = component.parentElement;
  var root = parentElement.querySelector(".kk-wrap");
  if (!root) {
    root = document.createElement("div");
    root.className = "kk-wrap";
    root.innerHTML = '<div class="kk-top"><div class="kk-bar" role="toolbar"><button type="button" class="kk-zoom-in"></button>' +
      '<button type="button" class="kk-zoom-out"></button><button type="button" class="kk-fit"></button>' +
      '</div><div class="kk-legend-slot"></div></div><div class="kk-map"></div><p class="kk-hint"></p>' +
      '<div class="kk-steps-slot"></div><div class="kk-tip" role="tooltip" hidden></div>';
    parentElement.appendChild(root);
  }
  var frame = root.querySelector(".kk-map");
  root.classList.toggle("kk-present", !!data.present);
  root.querySelector(".kk-zoom-in").textContent = "+";
  root.querySelector(".kk-zoom-in").setAttribute("aria-label", data.text.zoom_in);
  root.querySelector(".kk-zoom-in").title = data.text.zoom_in;
  root.querySelector(".kk-zoom-out").textContent = "−";
  root.querySelector(".kk-zoom-out").setAttribute("aria-label", data.text.zoom_out);
  root.querySelector(".kk-zoom-out").title = data.text.zoom_out;
  root.querySelector(".kk-fit").textContent = data.text.fit;
  root.querySelector(".kk-hint").textContent = data.text.hint;
  frame.setAttribute("aria-label", data.text.aria);
  var legend = root.querySelector(".kk-legend-slot"), steps = root.querySelector(".kk-steps-slot");
  if (legend.__html !== data.legend) { legend.innerHTML = data.legend; legend.__html = data.legend; }
  if (steps.__html !== data.steps) { steps.innerHTML = data.steps; steps.__html = data.steps; }

  var signature = data.signature + "|" + (!!data.present) + "|" + Math.round(frame.clientWidth / 40);
  if (root.__signature !== signature) {
    frame.removeAttribute("data-ready");
    var api = ketenkaartMap(root, data, function (id) { setTriggerValue("clicked", id); });
    root.__api = api;
    root.__signature = signature;
    root.__focus = JSON.stringify(data.focus || null);
    window.__ketenkaart = window.__ketenkaart || {};
    window.__ketenkaart[data.name] = api;
    frame.setAttribute("data-ready", "1");
  } else if (root.__focus !== JSON.stringify(data.focus || null)) {
    root.__focus = JSON.stringify(data.focus || null);
    if (data.focus) { root.__api.focus(data.focus); }
  }
  root.querySelector(".kk-fit").onclick = function () { root.__api.fit(); };
  root.querySelector(".kk-zoom-in").onclick = function () { root.__api.zoom(1.25); };
  root.querySelector(".kk-zoom-out").onclick = function () { root.__api.zoom(0.8); };

  // Story keys: one listener for the page, pointing at the latest trigger.
  window.__ketenkaartKeys = data.keys ? setTriggerValue : null;
  if (data.keys && !window.__ketenkaartKeyListener) {
    window.__ketenkaartKeyListener = function (e) {
      var send = window.__ketenkaartKeys;
      if (!send || e.altKey || e.ctrlKey || e.metaKey) { return; }
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
                (t.closest && t.closest('[role="combobox"],[role="listbox"],[role="slider"],[data-baseweb="select"]')))) {
        return;
      }
      var key = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "first", End: "last" }[e.key];
      if (!key) { return; }
      e.preventDefault();
      send("key", key + ":" + Date.now());
    };
    document.addEventListener("keydown", window.__ketenkaartKeyListener);
  }
}
