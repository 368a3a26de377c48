// GOV.UK Frontend's components, enhanced where the browser supports them; every page works without this.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
