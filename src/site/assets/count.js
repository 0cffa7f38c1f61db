// One read of this article, once the page is shown (src/audience/counter.ts). No cookies.
(function (d, s) {
  var id = s && s.dataset.article, to = s && s.dataset.to, sent;
  function send() {
    if (sent || d.prerendering || d.visibilityState !== 'visible') return;
    sent = 1;
    if (navigator.sendBeacon) navigator.sendBeacon(to, id);
  }
  if (id && to) {
    d.addEventListener('visibilitychange', send);
    d.addEventListener('prerenderingchange', send);
    send();
  }
})(document, document.currentScript);
