// The surveys module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { sweepSurveyDrafts, unlinkUsedCodes } from './answering';
export { wordingFor } from './answers';
export { sweepCodeLetters } from './code-letters';
export { SURVEY_CODES } from './issues';
export { checkLetterSheet, renderCodeLetters } from './letters';
export { publicSurveys } from './public-list';
export { answerFromForm, answerScreen, latestPublishedWave, nextStep, shownInSection, submissionIdFor } from './resident-flow';
export {
	changedQuestions,
	checkHouseholdCode,
	codeOverview,
	compareWaves,
	createSurvey,
	createTheme,
	createWave,
	deleteSurvey,
	deleteTheme,
	deleteWave,
	exportAnswerSetsCsv,
	exportResultsXlsx,
	generateHouseholdCodes,
	getSurvey,
	getVersion,
	importPaperAnswers,
	keptLetters,
	lettersKeyOf,
	listOpenAnswers,
	listSurveys,
	listThemes,
	loadDraft,
	paperImportColumns,
	publicSurveyResults,
	publishWave,
	readinessIssues,
	renameTheme,
	resultsContext,
	saveDraft,
	saveStructure,
	setOpenAnswerThemes,
	setOpenAnswersPublic,
	setSurveyStatus,
	submitAnswerSet,
	submitTabletAnswerSet,
	surveyForResident,
	surveyForTablet,
	surveyResults,
	tabletAnswerSet,
	tagOpenAnswers,
	updateSurvey,
	updateWave,
	voidCodeBatch
} from './service';
export type {
	AnswerMap,
	CodeLetter,
	DraftView,
	PaperImportResult,
	Question,
	ResidentSurvey,
	Structure,
	StructureInput,
	SurveyInput,
	TabletAnswerSet
} from './service';
export { BUILDER_EDITS, applyStructureEdit, builderLanguages, issueTarget, wordingFromForm } from './structure-edits';
export type { BuilderEdit } from './structure-edits';
export { listSurveysWithResponse } from './survey-list';
