// The example app's entry point: two independent views on one page. Each view is a module of
// its own (near-me.js, maker.js) that reads its form, calls the API and draws the answer.
import { makerView } from './maker.js';
import { nearMeView } from './near-me.js';

nearMeView(document.getElementById('near-me'));
makerView(document.getElementById('maker'));
