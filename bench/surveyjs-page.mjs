// The SurveyJS side of the benchmark: renders survey.json (made by bench/surveyjs.mjs) with the
// stock UI (survey-js-ui), and saves the answers to localStorage on every change, as SurveyJS's
// documentation shows for keeping an unfinished survey (Case Assessor saves its draft likewise).
import { registerApplies } from './surveyjs.mjs';

/* global Survey, SurveyUI */
registerApplies(Survey);
const json = await (await fetch('survey.json')).json();
const model = new Survey.Model(json);
model.onValueChanged.add((sender) => {
  localStorage.setItem('bench-surveyjs', JSON.stringify(sender.data));
});
window.model = model;
SurveyUI.renderSurvey(model, document.getElementById('root'));
window.surveyReady = true;
