// The player: the page's <video> plays the web-video MP4 by itself. When the video has an HLS playlist and the
// browser cannot play HLS natively, hls.js (served by this instance, loaded only then) takes over the element.
const video = document.getElementById('player');

async function upgradeToHls(element, playlist) {
  if (element.canPlayType('application/vnd.apple.mpegurl')) {
    element.src = playlist;
    return;
  }
  const { default: Hls } = await import('./vendor/hls.min.mjs');
  if (!Hls.isSupported()) {
    return;
  }
  const time = element.currentTime;
  const paused = element.paused;
  const hls = new Hls({ startPosition: time > 0 ? time : -1 });
  hls.on(Hls.Events.ERROR, (event, data) => {
    if (data.fatal) {
      // Back to the web-video file that the page named.
      hls.destroy();
      element.load();
    }
  });
  hls.loadSource(playlist);
  hls.attachMedia(element);
  if (!paused) {
    hls.once(Hls.Events.MANIFEST_PARSED, () => element.play().catch(() => {}));
  }
  element.hls = hls;
}

function startAt(element) {
  const start = new URLSearchParams(location.search).get('start');
  const seconds = start && /^\d{1,6}$/.test(start) ? Number(start) : 0;
  if (seconds > 0) {
    element.addEventListener('loadedmetadata', () => { element.currentTime = seconds; }, { once: true });
  }
}

if (video) {
  startAt(video);
  if (video.dataset.hls) {
    upgradeToHls(video, video.dataset.hls).catch(() => {});
  }
}
