import { runtime, Template, type Environment } from 'nunjucks';

/** How many distinct component renderings are kept: the filters, buttons and frames of every page shown lately. */
const CAPACITY = 500;

/** `govukServiceNavigation` → `govuk/components/service-navigation/macro.njk`. */
const macroPath = (name: string): string =>
  `govuk/components/${name.slice('govuk'.length).replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}/macro.njk`;

/**
 * GOV.UK Frontend's components, rendered by their own macros and kept by their arguments.
 *
 * A component's macro is a pure function of its arguments, but each call includes the component's
 * template and runs its imports again, which costs more than the rest of a page. The same arguments
 * (a page's filters, buttons and frame, the same for many requests) give the same HTML, so it is
 * made once and kept, the least recently used dropped first. Arguments that differ on every request
 * (a form token) would only churn the cache: such components are called directly.
 *
 * Used in templates as `govuk("govukButton", { text: "Filter" })` in place of `govukButton({ text: "Filter" })`.
 */
export function componentCache(env: Environment, capacity = CAPACITY) {
  const templates = new Map<string, Template>();
  const rendered = new Map<string, string>();

  const templateOf = (name: string): Template => {
    let template = templates.get(name);
    if (template === undefined) {
      if (!/^govuk[A-Z][A-Za-z]*$/.test(name)) throw new Error(`${name} is not a GOV.UK Frontend component macro`);
      template = new Template(`{% from "${macroPath(name)}" import ${name} %}{{ ${name}(params) }}`, env, `${name}.cached`);
      templates.set(name, template);
    }
    return template;
  };

  return (name: string, params: Record<string, unknown>): runtime.SafeString => {
    // Safe strings serialise with their text under another key than plain ones, so the two never share an entry.
    const key = `${name}\u0000${JSON.stringify(params)}`;
    let html = rendered.get(key);
    if (html === undefined) {
      html = templateOf(name).render({ params });
      if (rendered.size >= capacity) rendered.delete(rendered.keys().next().value!);
    } else {
      rendered.delete(key);
    }
    rendered.set(key, html);
    return new runtime.SafeString(html);
  };
}
