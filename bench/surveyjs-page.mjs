// The SurveyJS side of the benchmark: renders a survey (made by bench/surveyjs.mjs; `?survey=FILE`,
// survey.json unless given; `?page=NAME` opens that page first) with the stock UI (survey-js-ui), and
// saves the answers to localStorage on every change, as SurveyJS's documentation shows for keeping an
// unfinished survey (Case Assessor saves its draft likewise).
import { registerApplies } from './surveyjs.mjs';

/* global Survey, SurveyUI */
registerApplies(Survey);
// SurveyJS animates elements it shows and hides, removing a hidden question from the page only when
// its animation ends, hundreds of milliseconds after the answer; Case Assessor does not animate.
// With animations on, the page's DOM lags the model, and no per-answer figure could include it.
Survey.settings.animationEnabled = false;
const params = new URLSearchParams(location.search);
const json = await (await fetch(params.get('survey') ?? 'survey.json')).json();
const model = new Survey.Model(json);
if (params.get('page')) model.currentPage = model.getPageByName(params.get('page'));
model.onValueChanged.add((sender) => {
  localStorage.setItem('bench-surveyjs', JSON.stringify(sender.data));
});
window.model = model;
SurveyUI.renderSurvey(model, document.getElementById('root'));
window.surveyReady = true;
