namespace Frikommune.Edge.Tests.Page;

/// <summary>
/// A script the tests add to the browser before the page loads (never shipped with the page): it counts what
/// the page makes the browser do — each sound played through Web Audio (with whether audio was really running),
/// each system notification, vibration and screen wake lock — in <c>window.__test</c>.
/// </summary>
static class PageHooks
{
    public const string Counting = """
        (() => {
          const t = window.__test = { plays: [], notifications: [], vibrations: 0, wakeLocks: 0, loudest: 0 };
          // The loudest volume set on any gain node since the last sound started: that sound's volume.
          const createGain = BaseAudioContext.prototype.createGain;
          BaseAudioContext.prototype.createGain = function (...args) {
            const node = createGain.apply(this, args), set = node.gain.setValueAtTime.bind(node.gain);
            node.gain.setValueAtTime = (value, time) => { t.loudest = Math.max(t.loudest, value); return set(value, time); };
            return node;
          };
          const start = OscillatorNode.prototype.start;
          OscillatorNode.prototype.start = function (...args) {
            t.plays.push({ at: Date.now(), state: this.context.state, volume: t.loudest });
            t.loudest = 0;
            return start.apply(this, args);
          };
          if (window.Notification) {
            const Real = window.Notification;
            const Counting = function (title, options) {
              t.notifications.push({ title, body: options && options.body, tag: options && options.tag });
              return new Real(title, options);
            };
            Counting.prototype = Real.prototype;
            Object.defineProperty(Counting, 'permission', { get: () => Real.permission });
            Counting.requestPermission = (...args) => Real.requestPermission(...args);
            window.Notification = Counting;
          }
          if (window.ServiceWorkerRegistration) {
            const show = ServiceWorkerRegistration.prototype.showNotification;
            ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
              t.notifications.push({ title, body: options && options.body, tag: options && options.tag, worker: true });
              return show.call(this, title, options);
            };
          }
          if (navigator.vibrate) {
            const vibrate = navigator.vibrate.bind(navigator);
            navigator.vibrate = (pattern) => { t.vibrations++; return vibrate(pattern); };
          }
          if (navigator.wakeLock) {
            const request = navigator.wakeLock.request.bind(navigator.wakeLock);
            navigator.wakeLock.request = (type) => {
              t.wakeLocks++;
              return t.lastWakeLock = request(type).then((lock) => (t.wakeLock = lock));
            };
          }
        })();
        """;

    /// <summary>Sounds that were heard: played while the page's audio was running, not queued behind the autoplay rule.</summary>
    public const string Heard = "window.__test.plays.filter(p => p.state === 'running').length";

    /// <summary>The volume of the last sound heard.</summary>
    public const string LastVolume = "window.__test.plays.filter(p => p.state === 'running').at(-1).volume";
}
