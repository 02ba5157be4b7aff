// The Streamlit glue of the story player (components v2); ketenkaartStory() is in storyplayer-core.js.

export default function (component) {
  var data = component.data, setTriggerValue = component.setTriggerValue, parentElement = component.parentElement;
  var root = parentElement.querySelector(".kk-player");
  if (!root) {
    root = document.createElement("div");
    root.className = "kk-player";
    parentElement.appendChild(root);
  }
  root.classList.toggle("kk-present", !!data.present);
  var signature = data.signature + "|" + (!!data.present);
  function linkFor(step) {
    var url = new URL(window.location.href);
    url.searchParams.set("stap", String(step));
    return url.pathname + url.search;
  }
  if (root.__signature !== signature) {
    root.__player = ketenkaartStory(root, data, {
      onStep: function (step) { setTriggerValue("goto", step + ":" + Date.now()); },
      onSelect: function (id) { setTriggerValue("clicked", id); },
      linkFor: linkFor
    });
    root.__signature = signature;
    root.__index = data.index;
    window.__ketenkaartStory = root.__player;
    root.querySelector(".kk-map").setAttribute("data-ready", "1");
  } else if (root.__index !== data.index) {
    // The address asked for another step (a link, a reload): follow it.
    root.__index = data.index;
    if (root.__player.step() !== data.index + 1) { root.__player.show(data.index); }
  }
}
