// What the surveys module does, in one place for routes: building (settings, structure in versions, status, waves),
// household codes, answering (the resident's view, drafts, submitting), open answers and themes, and results.
export {
	createSurvey,
	updateSurvey,
	saveStructure,
	setSurveyStatus,
	deleteSurvey,
	listSurveys,
	getSurvey,
	getVersion,
	readinessIssues,
	type SurveySummary,
	type SurveyView,
	type VersionSummary,
	type WaveView
} from './builder';
export { createWave, updateWave, deleteWave, refreshWaveHouseholds, publishWave } from './waves';
export {
	generateHouseholdCodes,
	voidCodeBatch,
	codeOverview,
	newHouseholdCode,
	normaliseHouseholdCode,
	CODE_ALPHABET,
	type CodeLetter,
	type CodeBatchSummary,
	type CodeCounts
} from './codes';
export { keptLetters, lettersKeyOf, sweepCodeLetters, LETTERS_KEPT_HOURS, type KeptLetters, type LetterSheet } from './code-letters';
export {
	surveyForResident,
	checkHouseholdCode,
	submitAnswerSet,
	saveDraft,
	loadDraft,
	discardDraft,
	sweepSurveyDrafts,
	unlinkUsedCodes,
	type ResidentSurvey,
	type SubmitResult,
	type DraftView
} from './answering';
export { checkAnswers, visibleQuestions, wordingFor, conditionHolds, type CheckedAnswers, type NormalisedAnswers } from './answers';
export {
	listThemes,
	createTheme,
	renameTheme,
	deleteTheme,
	listOpenAnswers,
	setOpenAnswerThemes,
	tagOpenAnswers,
	setOpenAnswersPublic,
	type ThemeView,
	type OpenAnswerItem,
	type OpenAnswerPage
} from './themes';
export {
	surveyResults,
	compareWaves,
	publicSurveyResults,
	type WaveResults,
	type WaveComparison,
	type PublicResults,
	type QuestionResult,
	type EstateResult,
	type WaveSummary
} from './results';
export { answerSetsTable, answerSetsCsv, exportAnswerSetsCsv, type AnswerSetTable, type Cell } from './answer-sets';
export { publicFigures, type QuestionFigures, type PublicQuestionFigures } from './figures';
export type {
	SurveyInput,
	StructureInput,
	Structure,
	Question,
	Section,
	Wording,
	WaveInput,
	SubmissionInput,
	DraftInput,
	AnswerMap,
	SurveyMode
} from './model';
export { importPaperAnswers, paperImportColumns, PAPER_META_COLUMNS, PAPER_IMPORT_MAX_ROWS, type PaperImportResult, type PaperRowIssue } from './paper-import';
export { exportResultsXlsx, figureRows } from './results-export';
export { surveyForTablet, submitTabletAnswerSet, tabletAnswerSet, type TabletSurvey, type TabletAnswerSet } from './tablet';
export { changedQuestions, changedQuestionKeys } from './question-changes';
export { resultsContext, type ResultsContext } from './results-context';
