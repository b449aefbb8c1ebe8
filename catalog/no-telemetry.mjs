// Loaded with `node --import` by `make catalog`: EventCatalog's build posts usage analytics
// (to queue.simpleanalyticscdn.com, and to EventCatalog Cloud when configured) and offers no
// switch to turn that off, so this answers those requests locally and never sends them.
const blocked = /(^|\.)(simpleanalyticscdn\.com|eventcatalog\.cloud|eventcatalog\.dev)$/;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (blocked.test(url.hostname)) return new Response(null, { status: 204 });
  return realFetch(input, init);
};
