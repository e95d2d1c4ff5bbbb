/**
 * Every string the task pane and the web page show, in French and English. One catalogue: the
 * English object is typed by the French one, so a key missing (or extra) in either language is
 * a compile error, and test/taskpane/strings.test.tsx checks the same at run time.
 *
 * Texts are plain text, never HTML: components render them (and finding messages, which are
 * data) as React text nodes.
 */
import type { Lang, Severity } from "../core/findings";
import type { ColumnRole } from "../core/settings";
import type { TableKind } from "../core/tables/types";

/** French puts 0 and 1 in the singular, English only 1. */
export function plural(n: number, forms: readonly [string, string], lang: Lang): string {
  const singular = lang === "fr" ? n < 2 : n === 1;
  return `${n} ${singular ? forms[0] : forms[1]}`;
}

/** « name » in French, “name” in English. */
function quote(name: string, lang: Lang): string {
  return lang === "fr" ? `« ${name} »` : `“${name}”`;
}

const fr = {
  appTitle: "Pointage",
  appTagline: "Contrôle des tableaux budgétaires",
  idleIntro:
    "Pointage relit les tableaux budgétaires du classeur (tableaux d'imputation, tableaux de dépenses de l'article 3, répartitions budgétaires, termes de convention) et signale les soldes, totaux, pourcentages et montants qui ne tombent pas juste.",
  idleHint: "Rien n'est modifié dans le classeur tant que vous ne le demandez pas.",

  check: "Contrôler le classeur",
  reading: "Lecture du classeur…",
  readingPercent: (percent: number) => `Lecture du classeur : ${percent}\u00a0%`,
  checking: "Contrôle des tableaux…",
  progressLabel: "Avancement du contrôle",

  summaryHeading: "Résumé",
  severityCount: { error: ["erreur", "erreurs"], warning: ["avertissement", "avertissements"], info: ["information", "informations"] } as Record<
    Severity,
    readonly [string, string]
  >,
  severityLabel: { error: "Erreur", warning: "Avertissement", info: "Information" } as Record<Severity, string>,
  tablesFound: (n: number) => `Tableaux trouvés : ${n}`,
  tableKinds: {
    imputation: ["tableau d'imputation", "tableaux d'imputation"],
    depense: ["tableau de dépenses (article 3)", "tableaux de dépenses (article 3)"],
    repartition: ["répartition budgétaire", "répartitions budgétaires"],
    convention: ["termes de convention", "termes de convention"],
    liste: ["liste chiffrée", "listes chiffrées"],
    budget: ["budget (charges et produits)", "budgets (charges et produits)"],
  } as Record<TableKind, readonly [string, string]>,
  ignoredBySettings: (n: number) => `${plural(n, ["remarque ignorée", "remarques ignorées"], "fr")} (voir plus bas)`,
  noFindings: "Aucune remarque : les tableaux trouvés tombent juste.",
  noFindingsLeft: "Plus aucune remarque à afficher : les autres sont ignorées (voir plus bas).",
  noFindingsUnread: (n: number) =>
    `Aucune remarque sur les tableaux contrôlés, mais ${plural(n, ["zone chiffrée n'a pas été contrôlée", "zones chiffrées n'ont pas été contrôlées"], "fr")} : voir « Non contrôlé » plus haut.`,
  unreadCount: (n: number) => plural(n, ["zone non contrôlée", "zones non contrôlées"], "fr"),
  unreadHeading: (n: number) => `Non contrôlé (${n})`,
  unreadIntro: "Ces plages contiennent des nombres qu'aucun contrôle n'a vérifiés : une erreur y passerait inaperçue.",
  unreadNoHeader: "Des nombres sous des en-têtes que Pointage ne reconnaît pas : rien n'y a été vérifié.",
  unreadNoHeaderRow: "Des nombres sans ligne d'en-têtes au-dessus : rien n'y a été vérifié.",
  unreadPartial: (roles: readonly string[]) => `L'en-tête nomme ${roles.join(", ")}, mais pas assez pour former un tableau : rien n'y a été vérifié.`,
  unreadNothingToCheck: "Tableau lu, mais il n'a ni total ni calcul entre colonnes à vérifier.",
  unreadHeadersSeen: (headers: readonly string[]) => `En-têtes vus : ${headers.map((h) => quote(h, "fr")).join(", ")}`,
  goToRange: "Aller à la plage",
  mapHeaders: "Associer les en-têtes",
  /** The accessible name of an unread range's action: the visible label, then which range. */
  actionOnRange: (action: string, where: string) => `${action} ${where}`,
  failuresTitle: "Certains contrôles n'ont pas pu s'exécuter",
  failuresBody: "Une anomalie de Pointage les a interrompus sur ce classeur ; leurs résultats manquent ci-dessous :",

  findingsHeading: "Remarques",
  found: "constaté",
  expected: "attendu",
  proposedFix: "correction proposée",
  relatedCells: "cellules liées",
  learnMore: "En savoir plus",
  learnMoreAbout: (rule: string, cell: string) => `En savoir plus sur la règle ${rule} (${cell})`,
  ruleHelpLabel: (rule: string) => `Règle ${rule}`,
  helpParts: { checks: "Ce qui est vérifié", why: "Pourquoi c'est important", fix: "Comment corriger", example: "Exemple" },

  goToCell: "Aller à la cellule",
  fix: "Corriger",
  fixed: "Corrigé",
  ignore: "Ignorer",
  restore: "Rétablir",
  highlight: "Surligner",
  clearHighlights: "Effacer les marques",
  report: "Rapport de contrôle",
  actionsLabel: "Actions sur le classeur",
  /** The accessible name of a finding's action: the visible label, then which finding. */
  actionOn: (action: string, rule: string, cell: string) => `${action} ${cell} (${rule})`,

  fixUnavailableWeb: "Corrigez dans Excel : la page web ne modifie pas votre fichier",
  sheetMissingWeb: (sheet: string) => `La feuille « ${sheet} » n'existe pas dans ce classeur.`,

  stale: "Le classeur a changé depuis le contrôle : relancez-le.",
  staleTitle: "Résultats périmés",

  highlightDone: (n: number) => `${plural(n, ["cellule surlignée", "cellules surlignées"], "fr")}.`,
  highlightDoneFile: "Les cellules en cause sont marquées dans l'aperçu.",
  clearDone: "Marques effacées : les cellules ont retrouvé leur mise en forme d'origine.",
  clearDoneFile: "Marques retirées de l'aperçu.",
  reportDone: "Feuille « Contrôle » écrite dans le classeur.",
  reportDoneFile: "Copie contrôlée téléchargée, avec la feuille « Contrôle ».",
  fixDone: (where: string) => `Correction écrite en ${where}.`,
  undoFix: "Annuler la correction",
  undoDone: (where: string) => `Correction annulée : ${where} a retrouvé son contenu d'origine.`,
  ignoredDone: (where: string) => `Remarque ${where} ignorée : elle est mémorisée dans le classeur.`,
  ignoredDoneFile: (where: string) => `Remarque ${where} ignorée pour cette visite.`,
  restoredDone: (where: string) => `Remarque ${where} rétablie.`,
  actionFailed: "L'action n'a pas abouti",
  dismiss: "Fermer",

  ignoredHeading: (n: number) => `Remarques ignorées (${n})`,
  ignoredExplain: "Ces remarques ne sont plus signalées ni comptées. Rétablissez-les à tout moment.",

  confirmTitle: (where: string) => `Corriger ${where} ?`,
  confirmFormula: "Pointage va écrire cette formule :",
  confirmValue: "Pointage va écrire cette valeur :",
  confirmTextValue: "Pointage va écrire ce texte (enregistré comme texte, jamais comme formule) :",
  confirmWhere: (where: string) => `dans la cellule ${where}, à la place de son contenu actuel.`,
  confirmCurrent: "Valeur actuelle",
  confirmWrite: "Écrire",
  cancel: "Annuler",

  errorTitle: "Le contrôle n'a pas abouti",
  genericError:
    "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la à l'équipe Pointage avec le détail ci-dessous.",
  errorDetail: "Détail",

  nothingTitle: "Aucun tableau reconnu",
  nothingIntro: "Pointage n'a trouvé dans ce classeur aucun des tableaux qu'il sait contrôler. Il cherche :",
  nothingKinds: [
    "des tableaux d'imputation, avec des en-têtes comme « Code Opération | Imputation budgétaire | Libellé Opération | CP | Disponible | Proposition | Solde » ;",
    "des tableaux de dépenses (article 3) : « CP € » et « Dépense € » ;",
    "des répartitions budgétaires : une colonne « Montant » (et « % ») terminée par une ligne TOTAL ;",
    "des termes de convention : « Montant de la subvention », « Coût total prévisionnel », « Taux »…",
  ] as readonly string[],
  nothingMapping:
    "Si vos en-têtes sont écrits autrement, dites à Pointage quel rôle joue chaque colonne : la correspondance est enregistrée dans ce classeur.",

  mappingHeading: "Correspondance des en-têtes",
  mappingHeader: "En-tête tel qu'écrit dans le classeur",
  mappingHeaderHint: "Par exemple « Montant voté » ou « Crédits 2025 ».",
  mappingRole: "Rôle de la colonne",
  mappingRolePlaceholder: "Choisir un rôle",
  mappingSave: "Enregistrer et relancer le contrôle",
  mappingSaved: "Correspondances enregistrées",
  mappingNone: "Aucune correspondance enregistrée.",
  mappingRemove: (header: string) => `Retirer la correspondance ${quote(header, "fr")}`,
  mappingRemoveLabel: "Retirer",
  mappingHeaderRequired: "Indiquez l'en-tête tel qu'il est écrit.",
  mappingRoleRequired: "Choisissez un rôle.",
  mappingSuggested: "En-têtes que Pointage n'a pas compris",
  mappingSuggestedHint: "Choisissez-en un, puis le rôle de sa colonne.",
  roles: {
    code: "Code opération",
    imputation: "Imputation budgétaire",
    libelle: "Libellé",
    cp: "CP (crédits de paiement)",
    disponible: "Disponible",
    proposition: "Proposition",
    solde: "Solde",
    depense: "Dépense",
    montant: "Montant",
    pourcent: "Pourcentage",
  } as Record<ColumnRole, string>,

  // The web page.
  webTitle: "Pointage dans le navigateur",
  webIntro: "Contrôlez un classeur Excel (.xlsx, .xls, .xlsb) ou LibreOffice (.ods) sans installer le complément.",
  webPrivacy:
    "Votre fichier reste sur votre ordinateur : cette page le lit dans le navigateur et n'envoie rien à personne (aucune requête réseau).",
  webChooseFile: "Choisir un classeur (.xlsx, .xls, .xlsb, .ods)",
  webFileLoaded: (name: string) => `Classeur ouvert : ${name}`,
  webReadingFile: "Ouverture du fichier…",
  webNoFile: "Choisissez un classeur : ses feuilles s'afficheront ici, avec les cellules en cause marquées.",
  webDownload: "Télécharger la copie contrôlée",
  webDownloadHint: (name: string) => `${name} : une copie avec les cellules en cause surlignées et une feuille « Contrôle ». Votre fichier n'est pas modifié.`,
  webDownloadDone: (name: string) => `Copie enregistrée sous ${name}.`,
  webLimitsTitle: "Ce que la page web ne fait pas",
  webLimits: [
    "elle ne modifie jamais votre fichier : « Corriger » se fait dans Excel, avec le complément ;",
    "les remarques ignorées et les correspondances d'en-têtes valent pour cette visite et ne sont pas enregistrées dans le fichier ;",
    "« Rapport de contrôle » télécharge la copie contrôlée, qui contient la feuille « Contrôle ».",
  ] as readonly string[],
  webSheets: "Feuilles du classeur",
  webGridLabel: (sheet: string) => `Aperçu de la feuille ${quote(sheet, "fr")} (lecture seule)`,
  webHiddenSheet: "masquée",
  webEmptySheet: "Cette feuille est vide.",
  webColumnsCut: (shown: number, total: number) => `Seules les ${shown} premières colonnes sur ${total} sont affichées.`,
  webCellSelected: (sheet: string, cell: string) => `Cellule ${cell} de la feuille ${quote(sheet, "fr")} sélectionnée.`,
  webRangeSelected: (sheet: string, range: string) => `Plage ${range} de la feuille ${quote(sheet, "fr")} sélectionnée.`,
  webUnread: "Non contrôlé",
  webUnreadTitle: (range: string) => `Non contrôlé : la plage ${range} contient des nombres qu'aucun contrôle n'a vérifiés.`,
  webMarkedCount: (n: number) => plural(n, ["cellule marquée", "cellules marquées"], "fr"),
  webLegend: "Légende",

  // Issue 12: the review of cards (filters, Précédent / Suivant, the live region).
  reviewFilterLabel: "Afficher",
  reviewFilterOn: (count: string) => `Masquer : ${count}`,
  reviewFilterOff: (count: string) => `Afficher : ${count}`,
  reviewPrevious: "Précédent",
  reviewNext: "Suivant",
  reviewPosition: (at: number, n: number) => `Remarque ${at} sur ${n}`,
  reviewListLabel: "Remarques, de la plus grave à la moins grave",
  reviewNoneShown: "Aucune remarque avec ces filtres : cliquez sur un compte du résumé pour en afficher.",
  reviewRules: "Règles non respectées",
  reviewColumns: (columns: readonly string[]) => `Colonnes : ${columns.map((c) => quote(c, "fr")).join(", ")}`,
  reviewCause: (cell: string) => `Découle du total faux en ${cell} : corrigez-le d'abord.`,
  reviewResolved: (what: string) => `${what} : résolu`,
  reviewAnnounce: (counts: string) => `Contrôle terminé : ${counts}.`,
  reviewRechecked: (counts: string) => `Tableaux contrôlés à nouveau : ${counts}.`,
  webViews: "Affichage",
  webViewList: "Remarques",
  webViewGrid: "Feuilles",

  // Issue 9: the « Modèles » tab (templates).
  templatesTabCheck: "Contrôle",
  templatesTabTemplates: "Modèles",
  templatesTabsLabel: "Contrôle ou modèles",
  templatesIntro: "Pointage remplit un modèle (phrases et tableaux du rapport, de la délibération, de la convention) à partir des tableaux du classeur, avec des formules vivantes.",
  templatesRead: "Lire le classeur",
  templatesReading: "Lecture du classeur…",
  templatesTemplate: "Modèle",
  templatesBuiltin: "intégré",
  templatesLine: "Ligne",
  templatesNoLines: "Aucune ligne d'imputation ou de dépense n'a été trouvée dans le classeur.",
  templatesPreview: "Aperçu des champs",
  templatesPreviewEmpty: "Ce modèle n'a aucun champ à remplir.",
  templatesProblems: "Ce modèle ne peut pas être rempli",
  templatesProblemsHint: "Rien n'est écrit tant qu'un champ est inconnu ou sans valeur.",
  templatesSuggestion: (name: string) => `Vouliez-vous dire ${name} ?`,
  templatesFill: "Remplir",
  templatesInsert: "Insérer le modèle",
  templatesInsertHint: "Ajoute le modèle intégré au classeur comme feuille modèle modifiable.",
  templatesCreated: (sheet: string) => `Feuille ${quote(sheet, "fr")} créée.`,
  templatesCreatedFile: (sheet: string, file: string) => `Feuille ${quote(sheet, "fr")} créée dans la copie ${file}, téléchargée.`,
  templatesUnavailable: "Cet hôte ne sait pas écrire une feuille remplie : mettez Excel à jour ou utilisez la ligne de commande (pointage fill).",
};

/** The catalogue's shape: the French catalogue's keys, each with its type (string, function, table). */
export type Strings = typeof fr;

const en: Strings = {
  appTitle: "Pointage",
  appTagline: "Budget table checker",
  idleIntro:
    "Pointage reads the workbook's budget tables (imputation tables, Article 3 expense tables, budget breakdowns, convention terms) and reports balances, totals, percentages and amounts that do not add up.",
  idleHint: "Nothing in the workbook changes unless you ask.",

  check: "Check the workbook",
  reading: "Reading the workbook…",
  readingPercent: (percent: number) => `Reading the workbook: ${percent}%`,
  checking: "Checking the tables…",
  progressLabel: "Check progress",

  summaryHeading: "Summary",
  severityCount: { error: ["error", "errors"], warning: ["warning", "warnings"], info: ["info", "infos"] },
  severityLabel: { error: "Error", warning: "Warning", info: "Info" },
  tablesFound: (n: number) => `Tables found: ${n}`,
  tableKinds: {
    imputation: ["imputation table", "imputation tables"],
    depense: ["Article 3 expense table", "Article 3 expense tables"],
    repartition: ["budget breakdown", "budget breakdowns"],
    convention: ["convention terms", "convention terms"],
    liste: ["figures table", "figures tables"],
    budget: ["budget (expenses and income)", "budgets (expenses and income)"],
  },
  ignoredBySettings: (n: number) => `${plural(n, ["finding ignored", "findings ignored"], "en")} (see below)`,
  noFindings: "No findings: the tables found add up.",
  noFindingsLeft: "No findings left to show: the others are ignored (see below).",
  noFindingsUnread: (n: number) =>
    `No findings in the tables checked, but ${plural(n, ["numeric range was not checked", "numeric ranges were not checked"], "en")}: see “Not checked” above.`,
  unreadCount: (n: number) => plural(n, ["range not checked", "ranges not checked"], "en"),
  unreadHeading: (n: number) => `Not checked (${n})`,
  unreadIntro: "These ranges hold numbers that no check verified: a mistake there would go unnoticed.",
  unreadNoHeader: "Numbers under headers Pointage does not know: nothing was verified there.",
  unreadNoHeaderRow: "Numbers with no header row above them: nothing was verified there.",
  unreadPartial: (roles: readonly string[]) => `The header names ${roles.join(", ")}, but not enough to make a table: nothing was verified there.`,
  unreadNothingToCheck: "Table read, but it has no total and no arithmetic between columns to verify.",
  unreadHeadersSeen: (headers: readonly string[]) => `Headers seen: ${headers.map((h) => quote(h, "en")).join(", ")}`,
  goToRange: "Go to range",
  mapHeaders: "Map the headers",
  actionOnRange: (action: string, where: string) => `${action} ${where}`,
  failuresTitle: "Some checks could not run",
  failuresBody: "A Pointage bug stopped them on this workbook; their results are missing below:",

  findingsHeading: "Findings",
  found: "found",
  expected: "expected",
  proposedFix: "suggested fix",
  relatedCells: "related cells",
  learnMore: "Learn more",
  learnMoreAbout: (rule: string, cell: string) => `Learn more about rule ${rule} (${cell})`,
  ruleHelpLabel: (rule: string) => `Rule ${rule}`,
  helpParts: { checks: "What it checks", why: "Why it matters", fix: "How to fix it", example: "Example" },

  goToCell: "Go to cell",
  fix: "Fix",
  fixed: "Fixed",
  ignore: "Ignore",
  restore: "Restore",
  highlight: "Highlight",
  clearHighlights: "Clear marks",
  report: "Check report",
  actionsLabel: "Workbook actions",
  actionOn: (action: string, rule: string, cell: string) => `${action} ${cell} (${rule})`,

  fixUnavailableWeb: "Fix it in Excel: the web page does not change your file",
  sheetMissingWeb: (sheet: string) => `There is no sheet “${sheet}” in this workbook.`,

  stale: "The workbook has changed since the check: run it again.",
  staleTitle: "Results out of date",

  highlightDone: (n: number) => `${plural(n, ["cell highlighted", "cells highlighted"], "en")}.`,
  highlightDoneFile: "The cells at fault are marked in the preview.",
  clearDone: "Marks cleared: the cells are back to their original formatting.",
  clearDoneFile: "Marks removed from the preview.",
  reportDone: "“Contrôle” sheet written to the workbook.",
  reportDoneFile: "Checked copy downloaded, with its “Contrôle” sheet.",
  fixDone: (where: string) => `Fix written to ${where}.`,
  undoFix: "Undo the fix",
  undoDone: (where: string) => `Fix undone: ${where} holds what it held before.`,
  ignoredDone: (where: string) => `Finding ${where} ignored: the workbook remembers it.`,
  ignoredDoneFile: (where: string) => `Finding ${where} ignored for this visit.`,
  restoredDone: (where: string) => `Finding ${where} restored.`,
  actionFailed: "The action failed",
  dismiss: "Dismiss",

  ignoredHeading: (n: number) => `Ignored findings (${n})`,
  ignoredExplain: "These findings are no longer reported or counted. Restore them at any time.",

  confirmTitle: (where: string) => `Fix ${where}?`,
  confirmFormula: "Pointage will write this formula:",
  confirmValue: "Pointage will write this value:",
  confirmTextValue: "Pointage will write this text (stored as text, never as a formula):",
  confirmWhere: (where: string) => `into cell ${where}, replacing what it holds now.`,
  confirmCurrent: "Current value",
  confirmWrite: "Write",
  cancel: "Cancel",

  errorTitle: "The check did not complete",
  genericError: "Something unexpected went wrong. Try again; if it persists, report it to the Pointage team with the detail below.",
  errorDetail: "Detail",

  nothingTitle: "No table recognised",
  nothingIntro: "Pointage found none of the tables it can check in this workbook. It looks for:",
  nothingKinds: [
    "imputation tables, with headers such as “Code Opération | Imputation budgétaire | Libellé Opération | CP | Disponible | Proposition | Solde”;",
    "Article 3 expense tables: “CP €” and “Dépense €”;",
    "budget breakdowns: a “Montant” column (and “%”) ending with a TOTAL row;",
    "convention terms: “Montant de la subvention”, “Coût total prévisionnel”, “Taux”…",
  ],
  nothingMapping: "If your headers are written differently, tell Pointage what each column is: the mapping is saved in this workbook.",

  mappingHeading: "Header mapping",
  mappingHeader: "Header as written in the workbook",
  mappingHeaderHint: "For example “Montant voté” or “Crédits 2025”.",
  mappingRole: "Column role",
  mappingRolePlaceholder: "Choose a role",
  mappingSave: "Save and check again",
  mappingSaved: "Saved mappings",
  mappingNone: "No mapping saved.",
  mappingRemove: (header: string) => `Remove the mapping ${quote(header, "en")}`,
  mappingRemoveLabel: "Remove",
  mappingHeaderRequired: "Type the header as it is written.",
  mappingRoleRequired: "Choose a role.",
  mappingSuggested: "Headers Pointage did not understand",
  mappingSuggestedHint: "Pick one, then the role of its column.",
  roles: {
    code: "Operation code",
    imputation: "Budget imputation",
    libelle: "Label",
    cp: "CP (payment appropriations)",
    disponible: "Available",
    proposition: "Proposal",
    solde: "Balance",
    depense: "Expense",
    montant: "Amount",
    pourcent: "Percentage",
  },

  webTitle: "Pointage in the browser",
  webIntro: "Check an Excel (.xlsx, .xls, .xlsb) or LibreOffice (.ods) workbook without installing the add-in.",
  webPrivacy: "Your file stays on your computer: this page reads it in the browser and sends nothing to anyone (no network request).",
  webChooseFile: "Choose a workbook (.xlsx, .xls, .xlsb, .ods)",
  webFileLoaded: (name: string) => `Workbook open: ${name}`,
  webReadingFile: "Opening the file…",
  webNoFile: "Choose a workbook: its sheets will show here, with the cells at fault marked.",
  webDownload: "Download the checked copy",
  webDownloadHint: (name: string) => `${name}: a copy with the cells at fault highlighted and a “Contrôle” sheet. Your file is not changed.`,
  webDownloadDone: (name: string) => `Copy saved as ${name}.`,
  webLimitsTitle: "What the web page does not do",
  webLimits: [
    "it never changes your file: “Fix” is done in Excel, with the add-in;",
    "ignored findings and header mappings last for this visit and are not saved in the file;",
    "“Check report” downloads the checked copy, which holds the “Contrôle” sheet.",
  ],
  webSheets: "Workbook sheets",
  webGridLabel: (sheet: string) => `Preview of sheet ${quote(sheet, "en")} (read-only)`,
  webHiddenSheet: "hidden",
  webEmptySheet: "This sheet is empty.",
  webColumnsCut: (shown: number, total: number) => `Only the first ${shown} of ${total} columns are shown.`,
  webCellSelected: (sheet: string, cell: string) => `Cell ${cell} of sheet ${quote(sheet, "en")} selected.`,
  webRangeSelected: (sheet: string, range: string) => `Range ${range} of sheet ${quote(sheet, "en")} selected.`,
  webUnread: "Not checked",
  webUnreadTitle: (range: string) => `Not checked: range ${range} holds numbers that no check verified.`,
  webMarkedCount: (n: number) => plural(n, ["marked cell", "marked cells"], "en"),
  webLegend: "Legend",

  reviewFilterLabel: "Show",
  reviewFilterOn: (count: string) => `Hide: ${count}`,
  reviewFilterOff: (count: string) => `Show: ${count}`,
  reviewPrevious: "Previous",
  reviewNext: "Next",
  reviewPosition: (at: number, n: number) => `Finding ${at} of ${n}`,
  reviewListLabel: "Findings, most serious first",
  reviewNoneShown: "No findings with these filters: click a count of the summary to show some.",
  reviewRules: "Rules broken",
  reviewColumns: (columns: readonly string[]) => `Columns: ${columns.map((c) => quote(c, "en")).join(", ")}`,
  reviewCause: (cell: string) => `Follows from the wrong total in ${cell}: fix that first.`,
  reviewResolved: (what: string) => `${what}: resolved`,
  reviewAnnounce: (counts: string) => `Check done: ${counts}.`,
  reviewRechecked: (counts: string) => `Tables checked again: ${counts}.`,
  webViews: "View",
  webViewList: "Findings",
  webViewGrid: "Sheets",

  templatesTabCheck: "Check",
  templatesTabTemplates: "Templates",
  templatesTabsLabel: "Check or templates",
  templatesIntro: "Pointage fills a template (the sentences and tables of the report, deliberation, convention) from the workbook's tables, with live formulas.",
  templatesRead: "Read the workbook",
  templatesReading: "Reading the workbook…",
  templatesTemplate: "Template",
  templatesBuiltin: "built-in",
  templatesLine: "Line",
  templatesNoLines: "No imputation or expenditure line was found in the workbook.",
  templatesPreview: "Preview of the fields",
  templatesPreviewEmpty: "This template has no field to fill.",
  templatesProblems: "This template cannot be filled",
  templatesProblemsHint: "Nothing is written while a field is unknown or has no value.",
  templatesSuggestion: (name: string) => `Did you mean ${name}?`,
  templatesFill: "Fill",
  templatesInsert: "Insert the template",
  templatesInsertHint: "Adds the built-in template to the workbook as an editable template sheet.",
  templatesCreated: (sheet: string) => `Sheet ${quote(sheet, "en")} created.`,
  templatesCreatedFile: (sheet: string, file: string) => `Sheet ${quote(sheet, "en")} created in the copy ${file}, downloaded.`,
  templatesUnavailable: "This host cannot write a filled sheet: update Excel or use the command line (pointage fill).",
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { fr, en };

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang];
}

/** « 9 erreurs · 1 avertissement · 19 informations ». */
export function severityCount(severity: Severity, n: number, lang: Lang): string {
  return plural(n, STRINGS[lang].severityCount[severity], lang);
}
