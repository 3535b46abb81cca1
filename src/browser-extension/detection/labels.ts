/**
 * The words in front of a digit run that say what it is. A phone label ("Tel.", "Hotline", "Durchwahl")
 * makes a number of it; a label of another kind ("Order", "Rechnung", "IBAN", "Serial", "Ticket",
 * "USt-IdNr.") makes the run that follows it an identifier, not something to dial. The nearest label
 * before a candidate decides, so "Order questions? Call 0201 555123" is a number and
 * "Bestellnummer 0201555123" is not.
 */

/** Words that introduce an identifier, in the languages of the countries DeskDial formats. */
const IDENTIFIER_WORDS = [
  // orders, invoices, receipts, payments
  String.raw`order(?:s|nummer|nr|\s?(?:no|nr|number|id|#))?`,
  String.raw`bestell(?:ung|nummer|nr|-?nr)?`,
  String.raw`auftrag(?:s?nummer|s?-?nr)?`,
  String.raw`commande`,
  String.raw`pedido`,
  String.raw`ordine`,
  String.raw`zamówieni[ae]`,
  String.raw`objednávk[ay]`,
  String.raw`bestelling`,
  String.raw`ordre(?:nummer|nr)?`,
  String.raw`beställning`,
  String.raw`tilaus`,
  String.raw`encomenda`,
  String.raw`purchase\s?order`,
  String.raw`p\.?o\.?(?=\s?(?:no|nr|number|#|:))`,
  String.raw`invoice`,
  String.raw`rechnung(?:s?nummer|s?-?nr)?`,
  String.raw`factur[ae]|factuur(?:nummer)?`,
  String.raw`fattura`,
  String.raw`faktur[ae]?(?:nummer|nr)?`,
  String.raw`lasku`,
  String.raw`fatura`,
  String.raw`receipt`,
  String.raw`quittung`,
  String.raw`beleg(?:nummer|-?nr)?`,
  String.raw`reçu`,
  String.raw`recibo`,
  String.raw`ricevuta`,
  String.raw`transa[ck]tion`,
  String.raw`mandat(?:sreferenz)?`,
  String.raw`verwendungszweck`,
  // parcels
  String.raw`tracking`,
  String.raw`track(?:ing)?\s?(?:no|nr|number|id|#)`,
  String.raw`sendung(?:s?nummer|s?-?nr)?`,
  String.raw`paket(?:nummer|-?nr)?`,
  String.raw`colis`,
  String.raw`suivi`,
  String.raw`envío`,
  String.raw`seguimiento`,
  String.raw`spedizione`,
  String.raw`zending`,
  String.raw`przesyłk[ai]`,
  String.raw`zásilk[ay]`,
  String.raw`försändelse`,
  String.raw`forsendelse`,
  String.raw`lähetys`,
  String.raw`waybill`,
  String.raw`consignment`,
  // serials, references, cases, customers
  String.raw`serial(?:\s?(?:no|nr|number))?`,
  String.raw`serien(?:nummer|-?nr)?`,
  String.raw`s\/n`,
  String.raw`sn(?=\s?:)`,
  String.raw`numéro de série`,
  String.raw`número de serie`,
  String.raw`matricola`,
  String.raw`imei`,
  String.raw`ref(?:erence|erenz|erencia|erentie)?`,
  String.raw`réf(?:érence)?`,
  String.raw`rif(?:erimento)?`,
  String.raw`aktenzeichen`,
  String.raw`az(?=\.?\s?:)`,
  String.raw`vorgang(?:s?nummer|s?-?nr)?`,
  String.raw`ticket(?:s?nummer|-?nr)?`,
  String.raw`case(?:\s?(?:no|nr|number|id|#))?`,
  String.raw`dossier`,
  String.raw`expediente`,
  String.raw`pratica`,
  String.raw`incident`,
  String.raw`(?:kunden|customer|client|cliente|klant|kund|mitglieds?|member|vertrags?|contract|versicherungs|polic[ey]|policy)[-\s]?(?:nummer|nr|no|number|número|numero|numéro|id|#)`,
  String.raw`kundennr`,
  String.raw`(?:numéro|número|numero|n[°º])\s?(?:de\s|du\s)?(?:client|commande|pedido|ordine|facture|factura|fattura|suivi|seguimiento|série|serie|compte|cuenta|conto|dossier|référence|referencia|contrat|contrato|contratto)e?`,
  String.raw`注文番号|注文|請求書番号|伝票番号|追跡番号|会員番号|口座番号|お客様番号`,
  // banks and accounts
  String.raw`konto(?:nummer|-?nr)?`,
  String.raw`account(?:\s?(?:no|nr|number))?`,
  String.raw`acct`,
  String.raw`a\/c`,
  String.raw`iban`,
  String.raw`bic`,
  String.raw`swift`,
  String.raw`blz`,
  String.raw`bankleitzahl`,
  String.raw`sort\s?code`,
  String.raw`routing(?:\s?(?:no|number))?`,
  String.raw`aba`,
  String.raw`rib`,
  String.raw`cuenta`,
  String.raw`conto`,
  String.raw`rekening(?:nummer)?`,
  String.raw`rachun(?:ek|ku)`,
  String.raw`účet|účtu`,
  String.raw`kontonr`,
  // company and tax identifiers
  String.raw`vat(?:\s?(?:no|number|id))?`,
  String.raw`ust[-.]?id(?:nr)?\.?`,
  String.raw`ust`,
  String.raw`mwst`,
  String.raw`steuer(?:nummer|-?nr|-?id)?`,
  String.raw`st\.?-?nr`,
  String.raw`tva`,
  String.raw`siret`,
  String.raw`siren`,
  String.raw`nif`,
  String.raw`cif`,
  String.raw`p\.?\s?iva|iva`,
  String.raw`partita iva`,
  String.raw`btw`,
  String.raw`kvk`,
  String.raw`nip`,
  String.raw`ičo|dič`,
  String.raw`cvr`,
  String.raw`org\.?\s?nr`,
  String.raw`y-tunnus`,
  String.raw`abn|acn|gstin?|pan|cnpj|cpf|tin|ssn`,
  String.raw`tax\s?(?:id|no|number)`,
  String.raw`hr[ab]`,
  String.raw`handelsregister`,
  String.raw`company\s?(?:no|number|reg)`,
  String.raw`registr(?:ation|ierung)s?\s?(?:no|nr|number|nummer)`,
  // goods and codes
  String.raw`isbn(?:-1[03])?`,
  String.raw`issn`,
  String.raw`ean`,
  String.raw`gtin`,
  String.raw`upc`,
  String.raw`sku`,
  String.raw`art(?:ikel)?\.?-?nr`,
  String.raw`artikel(?:nummer)?`,
  String.raw`article`,
  String.raw`item(?:\s?(?:no|#))?`,
  String.raw`part\s?(?:no|number|#)`,
  String.raw`teile?nummer`,
  String.raw`mod(?:el|ell)(?:\s?(?:no|nr))?`,
  String.raw`lot|batch|(?<!of\s)charge`,
  String.raw`version|ver\.|build|release|firmware`,
  String.raw`pin|tan|puk|otp|passwor[dt]|code`,
  String.raw`plz|postleitzahl|zip|postcode|postal code|code postal|cap|cep`,
  String.raw`flight|flug|vol|vuelo|gleis|platform|seat|sitzplatz|zimmer|room`,
  String.raw`booking|buchung|reservation|réservation|reserva|prenotazione|reservierung|confirmation|bestätigung|pnr|localizador`,
  String.raw`voucher|gutschein|coupon|lieferschein|delivery note|packing slip|albarán|protocolo|protocollo|protokoll`,
  String.raw`claim|loan|darlehen|kredit|licen[cs]e|lizenz|führerschein|vertrag|pos|patient`,
  String.raw`aadhaar|pesel|regon|krs|nhs|nino|utr|personnummer|cpr|bsn|dni|ahv|avs|ocr|matricule|rodné číslo`
]

/** Words that introduce a phone number, in the same languages; these may start a longer word ("Telefonnummer"). */
const PHONE_STEMS = [
  String.raw`tel`,
  String.raw`t[ée]l[ée]`,
  String.raw`phone`,
  String.raw`puhelin`,
  String.raw`mobil|mobiel|komórk`,
  String.raw`handy`,
  String.raw`cellul`,
  String.raw`celular|móvil|portable|matkapuhelin`,
  String.raw`fax|télécopie`,
  String.raw`hotline|helpline|service|support|zentrale|switchboard|reception|empfang|sekretariat`,
  String.raw`durchwahl|nebenstelle|apparat|extension`,
  String.raw`rufnummer|anruf|erreichbar|erreichen|wählen`,
  String.raw`appel|llam|chiama|zadzwoń|volejte`,
  String.raw`contact|kontakt|whatsapp|caller|notruf|gratis|gratuit|grátis`,
  String.raw`電話|携帯|☎|📞|✆|☏`
]

/** Phone words that make a phone label even inside a compound ("Kundenservicenummer", "Servicetelefon"). */
const PHONE_INSIDE = String.raw`telefon|service|hotline|rufnummer|notruf|handy`

/** Short phone words that are only labels as whole words. */
const PHONE_WORDS = String.raw`ph|fon|tlf|tfn|puh|mob|cell|cel|gsm|dw|ext|poste|interno|call|ring|ruf|rufen|dial|bel|sms|text|unter|vert|verde|azur|grønt|grønne`

/** Where a label's word ends: no letter or digit of any script follows. */
const WORD_END = String.raw`(?![\p{L}\p{N}])`

/** Words before "number" that make it a phone number's, or no identifier's: "our number", "office number". */
const NOT_IDENTIFYING = String.raw`the|our|your|my|this|that|his|her|their|any|new|same|main|direct|office|home|work|private|business|daytime|evening|emergency|landline|alternate|alternative|other|second|free|toll|der|die|das|dieser|unsere?|meine?|ihre?|deine?|seine?|notre|votre|nuestro|su|il|la|le|el|de|du|of|a|an`

/**
 * Any word made a label of an identifier by a number word: compounds ("Personalnummer", "Kd.-Nr.",
 * "Asiakasnumero"), "<word> number|no.|ID|#" ("Confirmation number", "Patient ID"), and the Romance
 * and Slavic order ("Numéro de facture", "Numer klienta", "Codice cliente"). A phone word inside or
 * after one ("Telefonnummer", "phone number", "Numéro de téléphone") still wins, being nearer.
 */
const IDENTIFIER_FORMS = [
  String.raw`\p{L}[\p{L}.\-]*?(?:nummer|numret|numero|code|nr\.?|[.\-]\s?no\.?)|\p{L}*番号`,
  String.raw`(?!(?:${NOT_IDENTIFYING})\s)\p{L}{2,}\.?\s(?:number|no\.|nr\.?|id|#|nummer)`,
  String.raw`(?:numéro|número|numero|numer|číslo|n[°º]|code|codice|código|réf\.?)\s(?:de\s|du\s|di\s|do\s|da\s|del\s|d')?\p{L}{3,}`
]

const identifierLabel = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${[...IDENTIFIER_FORMS, ...IDENTIFIER_WORDS].join('|')})${WORD_END}`,
  'giu'
)
const phoneLabel = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:${PHONE_STEMS.join('|')})\p{L}*|(?:${PHONE_WORDS})${WORD_END}|\p{L}*?(?:${PHONE_INSIDE})\p{L}*)`,
  'giu'
)

/** What may stand between an identifier's label and its value: "Nr.", "No:", "#", "number". */
const LABEL_TO_VALUE =
  /^[\s:.#°º\-–—/()]*(?:(?:no|nr|n|nummer|number|numero|número|numéro|num|n°|nº|id|code)[\s:.#-]*)?$/iu

/** A preposition before the identifier's word makes it a topic, not a label: "Fragen zur Rechnung: 0201 555-77". */
const TOPIC_BEFORE =
  /(?<![\p{L}\p{N}])(?:zur|zum|über|about|regarding|concerning|for|sur|concernant|sobre|riguardo|over|om|angående)\s+(?:\p{L}+\s+)?$/iu

/** A short code between a label and its value: "Verwendungszweck RE 0201555123". */
const SHORT_CODE = /\p{Lu}{1,4}(?=[\s:.#-]*$)/u

/** How far back a label is looked for: a short field name, a colon and spaces. */
const LOOK_BACK = 40

/** Where a new field or sentence starts: a label before it no longer speaks for what follows. */
const FIELD_BREAK = /[\n\t|;•·,]|[.!?]\s+(?=\p{Lu}\p{Ll}{2})/gu

function lastIndexOf(pattern: RegExp, text: string): { index: number; end: number } | undefined {
  pattern.lastIndex = 0
  let last: { index: number; end: number } | undefined
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    last = { index: match.index, end: match.index + match[0].length }
    if (match[0].length === 0) pattern.lastIndex += 1
  }
  return last
}

/** The text of the field a candidate at `start` sits in, up to the candidate. */
function fieldBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - LOOK_BACK), start)
  const fieldBreak = lastIndexOf(FIELD_BREAK, before)
  return fieldBreak ? before.slice(fieldBreak.end) : before
}

/**
 * Whether the nearest label before `start` names an identifier (an order, an account, a serial...),
 * with nothing but label words and punctuation between it and the candidate.
 */
export function hasIdentifierLabel(text: string, start: number): boolean {
  const field = fieldBefore(text, start)
  const identifier = lastIndexOf(identifierLabel, field)
  if (!identifier) return false
  const phone = lastIndexOf(phoneLabel, field)
  if (phone && phone.end > identifier.index) return false
  if (TOPIC_BEFORE.test(field.slice(0, identifier.index))) return false
  const gap = field.slice(identifier.end)
  return LABEL_TO_VALUE.test(gap) || LABEL_TO_VALUE.test(gap.replace(SHORT_CODE, ''))
}
