// The chain map in the page: the SVG drawn in Python (ui/mapsvg.py), made explorable.
// Drag to pan, Ctrl/⌘ + wheel or the buttons to zoom (the wheel alone scrolls the page),
// click or Enter on a node or hand-off to open its details, hover for its tooltip.
// With data.keys the arrow keys (and a presenter's PageUp/PageDown) step through a story.
// No network requests: the SVG, its font and this script come with the page.

function ketenkaartMap(root, data, onSelect) {
  var frame = root.querySelector(".kk-map");
  var tip = root.querySelector(".kk-tip");
  frame.innerHTML = data.svg;
  var svg = frame.querySelector("svg");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
  var mapW = data.width, mapH = data.height;
  var NODE_FONT = 16;
  var minScale = (data.min_px || 12) / NODE_FONT;
  var maxScale = data.max_scale || 1.6;

  // Titles become our own tooltip (larger in presentation mode, no double native tooltip).
  svg.querySelectorAll("[data-id]").forEach(function (g) {
    var t = g.querySelector(":scope > title");
    if (t) { g.setAttribute("data-title", t.textContent); t.remove(); }
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", (g.getAttribute("data-title") || "").split("\n")[0]);
  });

  var view = { x: 0, y: 0, s: 1 };
  function size() { return { w: frame.clientWidth || 800, h: frame.clientHeight || 500 }; }
  function apply() {
    var f = size();
    svg.setAttribute("viewBox", [view.x, view.y, f.w / view.s, f.h / view.s].map(function (v) {
      return Math.round(v * 100) / 100; }).join(" "));
    svg.style.width = f.w + "px";
    svg.style.height = f.h + "px";
    root.style.setProperty("--kk-scale", view.s);
  }
  function clampScale(s) { return Math.max(0.05, Math.min(4, s)); }
  function frameTo(box, readable) {
    var f = size();
    var bw = Math.max(box[2] - box[0], 10), bh = Math.max(box[3] - box[1], 10);
    var s = Math.min(f.w / bw, f.h / bh);
    if (readable) { s = Math.max(minScale, Math.min(maxScale, s)); }
    view.s = clampScale(s);
    var vw = f.w / view.s, vh = f.h / view.s;
    view.x = (box[0] + box[2]) / 2 - vw / 2;
    view.y = (box[1] + box[3]) / 2 - vh / 2;
    if (vw >= mapW) { view.x = (mapW - vw) / 2; } else { view.x = Math.max(0, Math.min(view.x, mapW - vw)); }
    if (vh >= mapH) { view.y = 0; } else { view.y = Math.max(0, Math.min(view.y, mapH - vh)); }
    apply();
  }
  function animateTo(box) {
    var start = { x: view.x, y: view.y, s: view.s };
    frameTo(box, true);
    var end = { x: view.x, y: view.y, s: view.s };
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) { return; }
    var t0 = null;
    function step(now) {
      if (t0 === null) { t0 = now; }
      var t = Math.min(1, (now - t0) / 280), e = t * (2 - t);
      view.x = start.x + (end.x - start.x) * e; view.y = start.y + (end.y - start.y) * e;
      view.s = start.s + (end.s - start.s) * e;
      apply();
      if (t < 1) { requestAnimationFrame(step); }
    }
    view.x = start.x; view.y = start.y; view.s = start.s;
    requestAnimationFrame(step);
  }

  // The frame: as wide as the page allows, as tall as the map needs at a readable scale.
  var width = frame.clientWidth || 800;
  var room = Math.max(320, window.innerHeight - (data.present ? 120 : 200));
  // Readable first: never below minScale; when even that is taller than the window, use the whole width.
  var scale = mapH * minScale > room ? width / mapW : Math.min(width / mapW, room / mapH);
  scale = Math.max(minScale, Math.min(maxScale, scale));
  var height = Math.round(mapH * scale);
  if (data.focus) { height = Math.min(height, Math.max(room, 360)); }
  if (data.max_height) { height = Math.min(height, data.max_height); }
  frame.style.height = height + "px";
  view.s = scale;
  view.x = width / scale >= mapW ? (mapW - width / scale) / 2 : 0;
  view.y = 0;
  apply();
  if (data.focus) { frameTo(data.focus, true); }

  // Pan with the pointer; a press that hardly moves is a click.
  var drag = null;
  frame.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) { return; }
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
    frame.setPointerCapture(e.pointerId);
  });
  frame.addEventListener("pointermove", function (e) {
    if (drag) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) { drag.moved = true; frame.classList.add("kk-dragging"); }
      if (drag.moved) { view.x = drag.vx - dx / view.s; view.y = drag.vy - dy / view.s; apply(); }
      tip.hidden = true;
      return;
    }
    var target = e.target.closest ? e.target.closest("[data-id]") : null;
    if (target && target.getAttribute("data-title")) {
      tip.textContent = target.getAttribute("data-title");
      tip.hidden = false;
      var r = root.getBoundingClientRect();
      var x = e.clientX - r.left + 14, y = e.clientY - r.top + 16;
      tip.style.left = Math.min(x, r.width - tip.offsetWidth - 8) + "px";
      tip.style.top = y + "px";
    } else {
      tip.hidden = true;
    }
  });
  frame.addEventListener("pointerleave", function () { tip.hidden = true; });
  frame.addEventListener("pointerup", function (e) {
    var was = drag;
    drag = null;
    frame.classList.remove("kk-dragging");
    if (!was || was.moved) { return; }
    var target = document.elementFromPoint(e.clientX, e.clientY);
    target = target && target.closest ? target.closest("[data-id]") : null;
    if (target) { select(target); }
  });
  frame.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.closest && e.target.closest("[data-id]")) {
      e.preventDefault();
      e.stopPropagation();
      select(e.target.closest("[data-id]"));
    }
  });
  frame.addEventListener("wheel", function (e) {
    if (!(e.ctrlKey || e.metaKey)) { return; }  // the wheel alone scrolls the page
    e.preventDefault();
    zoomAt(e.clientX, e.clientY, Math.exp(-e.deltaY * 0.0015));
  }, { passive: false });
  frame.addEventListener("dblclick", function (e) { zoomAt(e.clientX, e.clientY, 1.5); });

  function zoomAt(cx, cy, factor) {
    var r = frame.getBoundingClientRect();
    var px = view.x + (cx - r.left) / view.s, py = view.y + (cy - r.top) / view.s;
    view.s = clampScale(view.s * factor);
    view.x = px - (cx - r.left) / view.s;
    view.y = py - (cy - r.top) / view.s;
    apply();
  }
  function select(g) {
    svg.querySelectorAll(".kk-selected").forEach(function (n) { n.classList.remove("kk-selected"); });
    g.classList.add("kk-selected");
    if (onSelect) { onSelect(g.getAttribute("data-id")); }
  }

  // Printing shows the whole map, whatever the zoom.
  var before = null;
  window.addEventListener("beforeprint", function () {
    if (!svg.isConnected) { return; }
    before = svg.getAttribute("viewBox");
    svg.setAttribute("viewBox", "0 0 " + mapW + " " + mapH);
    svg.style.width = "100%"; svg.style.height = "auto";
  });
  window.addEventListener("afterprint", function () {
    if (before && svg.isConnected) { svg.setAttribute("viewBox", before); apply(); }
  });

  var api = {
    fit: function () { frameTo([0, 0, mapW, mapH], false); },
    zoom: function (factor) { var r = frame.getBoundingClientRect(); zoomAt(r.left + r.width / 2, r.top + r.height / 2, factor); },
    focus: function (box) { animateTo(box); },
    scale: function () { return view.s; },
    view: function () { return { x: view.x, y: view.y, s: view.s }; },
    element: function (id) { return svg.querySelector('[data-id="' + CSS.escape(id) + '"]'); },
    svg: svg
  };
  return api;
}
