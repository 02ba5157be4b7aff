// The case-story player: the story's map (ketenkaartMap, chainmap-core.js) with the step lit,
// the narrative and the discussion question beside it, next/previous by button or key
// (→ ← PageDown PageUp Home End). Steps change here, at once; onStep tells the host which step shows.
// Shared by the app (storyplayer.js) and the offline HTML presentation. No network requests.

function ketenkaartStory(root, data, hooks) {
  hooks = hooks || {};
  var steps = data.steps, n = steps.length;
  var t = data.text || {};
  root.innerHTML =
    '<div class="kk-player-head"><p class="kk-player-count" aria-live="polite"></p>' +
    '<h2 class="kk-player-title"></h2></div>' +
    '<div class="kk-player-nav"><button type="button" class="kk-prev"></button>' +
    '<span class="kk-dots" role="group"></span><button type="button" class="kk-next"></button>' +
    '<a class="kk-step-link" href="#"></a></div>' +
    '<div class="kk-player-body"><div class="kk-wrap"><div class="kk-bar" role="toolbar">' +
    '<button type="button" class="kk-zoom-in">+</button><button type="button" class="kk-zoom-out">\u2212</button>' +
    '<button type="button" class="kk-fit"></button><span class="kk-hint"></span></div>' +
    '<div class="kk-map"></div><div class="kk-legend-slot"></div>' +
    '<div class="kk-tip" role="tooltip" hidden></div></div>' +
    '<div class="kk-story-text"><div class="kk-narrative"></div>' +
    '<div class="kk-question" hidden><p class="kk-question-label"></p><p class="kk-question-text"></p></div>' +
    '<div class="kk-step-sources" hidden><p class="kk-sources-label"></p><div class="kk-sources-list"></div></div>' +
    '</div></div>';
  root.querySelector(".kk-prev").textContent = "\u2190 " + (t.prev || "Previous");
  root.querySelector(".kk-next").textContent = (t.next || "Next") + " \u2192";
  root.querySelector(".kk-fit").textContent = t.fit || "Whole map";
  root.querySelector(".kk-hint").textContent = t.hint || "";
  root.querySelector(".kk-zoom-in").setAttribute("aria-label", t.zoom_in || "+");
  root.querySelector(".kk-zoom-out").setAttribute("aria-label", t.zoom_out || "-");
  root.querySelector(".kk-question-label").textContent = t.question || "";
  root.querySelector(".kk-sources-label").textContent = t.sources || "";
  root.querySelector(".kk-legend-slot").innerHTML = data.legend || "";
  var dots = root.querySelector(".kk-dots");
  dots.setAttribute("aria-label", t.steps || "");
  for (var i = 0; i < n; i++) {
    var dot = document.createElement("button");
    dot.type = "button"; dot.className = "kk-dot"; dot.textContent = String(i + 1);
    dot.setAttribute("aria-label", (t.step_of || "{i} / {n}").replace("{i}", i + 1).replace("{n}", n));
    dot.onclick = (function (k) { return function () { go(k); }; })(i);
    dots.appendChild(dot);
  }
  var wrap = root.querySelector(".kk-wrap");
  var map = ketenkaartMap(wrap, { svg: data.svg, width: data.width, height: data.height, min_px: data.min_px || 12,
                                  max_scale: data.max_scale || 1.6, present: data.present, max_height: data.max_height },
                          hooks.onSelect || null);
  wrap.querySelector(".kk-fit").onclick = function () { map.fit(); };
  wrap.querySelector(".kk-zoom-in").onclick = function () { map.zoom(1.25); };
  wrap.querySelector(".kk-zoom-out").onclick = function () { map.zoom(0.8); };
  var ids = Array.prototype.map.call(map.svg.querySelectorAll("[data-id]"), function (g) { return g; });
  var current = -1;

  function show(k) {
    k = Math.max(0, Math.min(n - 1, k));
    current = k;
    var s = steps[k], now = {}, before = {};
    s.now.forEach(function (id) { now[id] = true; });
    s.before.forEach(function (id) { before[id] = true; });
    ids.forEach(function (g) {
      var id = g.getAttribute("data-id");
      g.classList.toggle("kk-now", !!now[id]);
      g.classList.toggle("kk-later", !now[id] && !before[id]);
    });
    root.querySelector(".kk-player-count").textContent = (t.step_of || "{i} / {n}").replace("{i}", k + 1).replace("{n}", n);
    root.querySelector(".kk-player-title").innerHTML = s.title;
    root.querySelector(".kk-narrative").innerHTML = s.narrative;
    var q = root.querySelector(".kk-question");
    q.hidden = !s.question;
    root.querySelector(".kk-question-text").innerHTML = s.question || "";
    var src = root.querySelector(".kk-step-sources");
    src.hidden = !s.sources;
    root.querySelector(".kk-sources-list").innerHTML = s.sources || "";
    root.querySelector(".kk-prev").disabled = k === 0;
    root.querySelector(".kk-next").disabled = k === n - 1;
    Array.prototype.forEach.call(dots.children, function (d, j) {
      d.classList.toggle("kk-dot-now", j === k);
      d.setAttribute("aria-current", j === k ? "step" : "false");
    });
    var link = root.querySelector(".kk-step-link");
    link.textContent = t.link || "";
    link.href = hooks.linkFor ? hooks.linkFor(k + 1) : "#";
    root.setAttribute("data-step", String(k + 1));
  }
  function go(k) {
    if (k < 0 || k >= n || k === current) { return; }
    show(k);
    if (hooks.onStep) { hooks.onStep(k + 1); }
  }
  root.querySelector(".kk-prev").onclick = function () { go(current - 1); };
  root.querySelector(".kk-next").onclick = function () { go(current + 1); };
  function onKey(e) {
    if (!root.isConnected || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var target = e.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) ||
        (target.closest && target.closest('[role="combobox"],[role="listbox"],[role="slider"],[role="dialog"]')))) {
      return;
    }
    var move = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[e.key];
    if (move) { e.preventDefault(); go(current + move); return; }
    if (e.key === "Home") { e.preventDefault(); go(0); }
    if (e.key === "End") { e.preventDefault(); go(n - 1); }
  }
  if (window.__ketenkaartStoryKeys) { document.removeEventListener("keydown", window.__ketenkaartStoryKeys); }
  window.__ketenkaartStoryKeys = onKey;
  document.addEventListener("keydown", onKey);
  show(data.index || 0);
  return { show: show, go: go, step: function () { return current + 1; }, map: map };
}
