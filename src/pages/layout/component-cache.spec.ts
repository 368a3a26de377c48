import { join, dirname } from 'node:path';
import * as nunjucks from 'nunjucks';
import { componentCache } from './component-cache';

const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

function environment() {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([GOVUK_DIST]), { autoescape: true });
  env.addGlobal('govuk', componentCache(env, 2));
  return env;
}

const direct = (env: nunjucks.Environment, path: string, name: string, params: object) =>
  env.renderString(`{% from "govuk/components/${path}/macro.njk" import ${name} %}{{ ${name}(params) }}`, { params });

describe('GOV.UK components kept by their arguments', () => {
  it('gives the same HTML as calling the macro, for each call and for a different argument', () => {
    const env = environment();
    const select = { id: 'rag', name: 'rag', label: { text: 'Rating' }, items: [{ value: 'red', text: 'Red', selected: true }, { value: 'green', text: 'Green' }] };
    const expected = direct(env, 'select', 'govukSelect', select);
    const call = `{{ govuk("govukSelect", params) }}`;
    expect(env.renderString(call, { params: select })).toBe(expected);
    expect(env.renderString(call, { params: select })).toBe(expected);
    const other = { ...select, items: [{ value: 'red', text: 'Red' }, { value: 'green', text: 'Green', selected: true }] };
    expect(env.renderString(call, { params: other })).toBe(direct(env, 'select', 'govukSelect', other));
    expect(expected).toContain('<option value="red" selected>Red</option>');
  });

  it('finds components whose names have several words, and escapes text but not html', () => {
    const env = environment();
    const params = { titleText: 'Another moment', text: '<b>not bold</b>' };
    const rendered = env.renderString(`{{ govuk("govukNotificationBanner", params) }}`, { params });
    expect(rendered).toBe(direct(env, 'notification-banner', 'govukNotificationBanner', params));
    expect(rendered).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    const html = env.renderString(`{% set h %}<b>bold</b>{% endset %}{{ govuk("govukNotificationBanner", { titleText: "t", html: h }) }}`, {});
    expect(html).toContain('<b>bold</b>');
    const text = env.renderString(`{{ govuk("govukNotificationBanner", { titleText: "t", html: "<b>bold</b>" | escape }) }}`, {});
    expect(text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('renders again a rendering dropped as the least recently used', () => {
    const env = environment();
    const render = (text: string) => env.renderString(`{{ govuk("govukButton", { text: t }) }}`, { t: text });
    // Room for two: "One" is dropped when "Three" comes, and made again when asked for.
    for (const text of ['One', 'Two', 'Three', 'One', 'Two', 'One']) {
      expect(render(text)).toBe(direct(env, 'button', 'govukButton', { text }));
    }
  });

  it('refuses a name that is not a GOV.UK component', () => {
    expect(() => environment().renderString(`{{ govuk("include", {}) }}`, {})).toThrow(/not a GOV\.UK Frontend component/);
  });
});
