// Draw a Vega-Lite spec into an element with vega-embed (loaded as a global).

/** @type {WeakMap<Element, { finalize(): void }>} */
const views = new WeakMap();

/**
 * Render spec into element, replacing the chart drawn there before.
 * ast: true makes vega evaluate expressions with its interpreter instead of
 * compiling them with Function(), which the page's CSP forbids.
 * @param {HTMLElement} element
 * @param {object} spec a Vega-Lite spec
 */
export async function renderChart(element, spec) {
  views.get(element)?.finalize();
  const embed = /** @type {any} */ (window).vegaEmbed;
  const result = await embed(element, spec, {
    mode: 'vega-lite',
    actions: false,
    ast: true,
    renderer: 'svg',
  });
  views.set(element, result);
  element.dataset.rendered = 'true';
  return result;
}
