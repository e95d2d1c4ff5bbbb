/** Every check, sorted by id: the only list the engine reads. Retired ids are in retired.ts. */
import { budCentimes } from "./bud-centimes";
import { budEquilibre } from "./bud-equilibre";
import { budGroupe } from "./bud-groupe";
import { budNature } from "./bud-nature";
import { budResultat } from "./bud-resultat";
import { budSubvention } from "./bud-subvention";
import { cellErreur } from "./cell-erreur";
import { convPlafond } from "./conv-plafond";
import { convProrata } from "./conv-prorata";
import { convTaux } from "./conv-taux";
import { crfEcart } from "./crf-ecart";
import { delCp } from "./del-cp";
import { formuleFigee } from "./formule-figee";
import { impChaine } from "./imp-chaine";
import { impCumul } from "./imp-cumul";
import { impDepassement } from "./imp-depassement";
import { impDispoCp } from "./imp-dispo-cp";
import { impSolde } from "./imp-solde";
import { ligneCalcul } from "./ligne-calcul";
import { numCentimes } from "./num-centimes";
import { numIllisible } from "./num-illisible";
import { numNegatif } from "./num-negatif";
import { numTexte } from "./num-texte";
import { ratioLigne } from "./ratio-ligne";
import { repArrondi } from "./rep-arrondi";
import { repPlage } from "./rep-plage";
import { repPourcent } from "./rep-pourcent";
import { repPourcentSomme } from "./rep-pourcent-somme";
import { repSousTotal } from "./rep-sous-total";
import { repTotal } from "./rep-total";
import type { Check } from "./types";
import { xrefDepense } from "./xref-depense";
import { xrefImputation } from "./xref-imputation";
import { xrefMontant } from "./xref-montant";

export const allChecks: readonly Check[] = [
  budCentimes,
  budEquilibre,
  budGroupe,
  budNature,
  budResultat,
  budSubvention,
  cellErreur,
  convPlafond,
  convProrata,
  convTaux,
  crfEcart,
  delCp,
  formuleFigee,
  impChaine,
  impCumul,
  impDepassement,
  impDispoCp,
  impSolde,
  ligneCalcul,
  numCentimes,
  numIllisible,
  numNegatif,
  numTexte,
  ratioLigne,
  repArrondi,
  repPlage,
  repPourcent,
  repPourcentSomme,
  repSousTotal,
  repTotal,
  xrefDepense,
  xrefImputation,
  xrefMontant,
];
