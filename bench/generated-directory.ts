/**
 * A company directory of realistic people, generated the same way on every run (seeded): given and
 * family names from many languages and scripts (and family names built from the parts they are made
 * of in German, Nordic, Slavic, Italian, Spanish and Japanese, so that the vocabulary is as large as
 * a real directory's), 1 to 4 numbers each in several countries' formats, companies, departments and
 * titles.
 */
import type { DirectoryEntry } from '../src/main/directory'
import { createPrng, randomInt } from '../test/sip/support/prng'

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Given names from many languages and scripts. */
const GIVEN = listOf(`
  John, Mary, James, Patricia, Robert, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara, Richard,
  Susan, Joseph, Jessica, Thomas, Sarah, Charles, Karen, Christopher, Nancy, Daniel, Lisa, Matthew, Margaret,
  Anthony, Sandra, Mark, Ashley, Steven, Emily, Jürgen, Jörg, Björn, Günter, Sören, Käthe, Lukas, Anna,
  Sophie, Maximilian, Katharina, Felix, Lena, Hannah, Leon, Jonas, François, Hélène, Amélie, Céline, Jérôme,
  Benoît, Gaëlle, Noémie, José, María, Ángel, Lucía, Sergio, Inés, Raúl, Álvaro, João, Conceição, Gonçalo,
  Giulia, Niccolò, Matteo, Chiara, Łukasz, Małgorzata, Wojciech, Zofia, Paweł, Agnieszka, Jiří, Tomáš,
  Zoltán, Ágnes, Çağla, Ömer, Şebnem, Ayşe, Mehmet, Søren, Åse, Øystein, Ingrid, Sigurður, Þórunn, Nguyễn,
  Thị, Minh, Anh, Hiroshi, Yuki, Sakura, Haruto, Wei, Li, Jing, Xiaoming, Priya, Rahul, Ananya, Arjun,
  Fatima, Mohammed, Aisha, Omar, Иван, Ольга, Дмитрий, Наталья, Алексей, Γιώργος, Μαρία, Νίκος, Ελένη, 明, 伟,
  芳, 娜, محمد, فاطمة, יוסי, מיכל, Oluwaseun, Chidi, Amara, Kwame, Aroha, Tane, Siobhán, Seán, Niamh, Eoghan,
  Dafydd, Rhiannon
`)

/** Family names, as written in their own language or script. */
const FAMILY = listOf(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez,
  Gonzalez, Wilson, Anderson, Taylor, Moore, Jackson, Martin, Lee, Thompson, White, Harris, Clark, Lewis,
  Robinson, Walker, Young, Allen, King, Wright, Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner,
  Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz,
  Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Krause, Meier, Lehmann, Köhler,
  Dubois, Lefèvre, Moreau, Laurent, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Vincent,
  Müller-Lüdenscheidt, Fernández, González, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, Díaz, Álvarez,
  Muñoz, Romero, Navarro, Domínguez, Gutiérrez, Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues,
  Almeida, Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Nowak, Kowalski, Wiśniewski, Wójcik,
  Kowalczyk, Kamiński, Lewandowski, Zieliński, Novák, Svoboda, Dvořák, Černý, Procházka, Nagy, Kovács, Tóth,
  Szabó, Horváth, Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Jensen, Nielsen, Hansen, Pedersen,
  Andersen, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsen, Sørensen, Jónsdóttir, Guðmundsson,
  Nguyen, Trần, Lê, Phạm, Hoàng, Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Wang,
  Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Patel, Sharma, Singh, Kumar, Gupta, Reddy, Iyer, Khan,
  Ahmed, Hussein, Haddad, Nasser, Abdullah, Okafor, Adeyemi, Mensah, Иванов, Смирнова, Кузнецов, Попова,
  Соколов, Παπαδόπουλος, Παπαδοπούλου, Γεωργίου, 王, 李, 张, 刘, أحمد, حسن, כהן, לוי, O'Brien, O'Connor,
  McCarthy, MacDonald, Ó Súilleabháin, van der Berg, de Vries, van Dijk, Jansen, de Jong, Bakker, Visser,
  Smit
`)

/** Companies, some with non-Latin names. */
const COMPANIES = listOf(`
  Acme Corp, Globex, Initech, Umbrella Logistics, Stark Industries, Wayne Enterprises, Müller & Söhne GmbH,
  Société Générale de Transport, Nordwind AG, Telefónica Servicios, Hooli, Vandelay Industries, Soylent,
  Tyrell, Cyberdyne Systems, Wonka, Gringotts, Oceanic Airlines, 東京テクノ, Северсталь, Κρήτη Τεχνική,
  Bharat Engineering, Sahara Trading, Blue Fjord AS, Zürcher Kantonalbank
`)

/** Departments, some in German, French or Spanish. */
const DEPARTMENTS = listOf(`
  Sales, Support, Accounting, Human Resources, Engineering, Research, Legal, Marketing, Logistics,
  Purchasing, IT Service Desk, Facilities, Reception, Customer Care, Quality Assurance, Vertrieb,
  Buchhaltung, Comptabilité, Ventas
`)

/** Job titles. */
const TITLES = listOf(`
  Manager, Engineer, Assistant, Director, Consultant, Specialist, Team Lead, Analyst, Coordinator,
  Technician
`)

/** Family names as parts and endings: each part joined with each ending of its language. */
const BUILT_FAMILY: Array<[parts: string[], endings: string[]]> = [
  [
    listOf('Hof, Berg, Stein, Wald, Kirch, Linden, Rosen, Eichen, Brunn, Gold, Adler, Falk, Lauter, Ober, Nieder'),
    listOf('mann, er, hausen, berger, feld, bach, dorf, huber, meier, mayr, thaler, gruber')
  ],
  [
    listOf('Lind, Sund, Holm, Dahl, Ek, Sjö, Ny, Berg, Ahl, Fors, Hag, Ås'),
    listOf('qvist, ström, gren, berg, lund, mark, by, stad, ling, åker')
  ],
  [
    listOf('Kow, Nowo, Wiś, Lew, Zaj, Sob, Jabł, Pawł, Maz, Krzy, Wal, Dąbr'),
    listOf('alski, owski, icz, ak, enko, czyk, iak, ewski, uk')
  ],
  [
    listOf('Bel, Mar, Santo, Vit, Cap, Monte, Fior, Bran, Ross, Vent, Gall, Cast'),
    listOf('ini, etti, ucci, ello, one, ardi, elli, otti, ano')
  ],
  [
    listOf('Bar, Cab, Ech, Vald, Mont, Alc, Olm, Arr, Sal, Ir'),
    listOf('ena, era, everría, és, oya, ázar, edo, iaga, ondo')
  ],
  [
    listOf('Yama, Naka, Taka, Mori, Kawa, Ishi, Fuji, Matsu, Hashi, Ue'),
    listOf('moto, mura, hashi, guchi, da, no, saki, zawa')
  ]
]
const LABELS = ['work', 'mobile', 'home', 'other'] as const

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]
}

function familyName(random: () => number): string {
  if (random() < 0.7) return pick(random, FAMILY)
  const [parts, endings] = pick(random, BUILT_FAMILY)
  return pick(random, parts) + pick(random, endings)
}

function digits(random: () => number, count: number): string {
  let text = ''
  for (let i = 0; i < count; i += 1) text += String(randomInt(random, 0, 9))
  return text
}

/** A number in one of the ways people and directories write them. */
function phoneNumber(random: () => number): string {
  const d = (count: number): string => digits(random, count)
  switch (randomInt(random, 0, 7)) {
    case 0:
      return `+1 (${randomInt(random, 201, 989)}) ${d(3)}-${d(4)}`
    case 1:
      return `+1${randomInt(random, 201, 989)}${d(7)}`
    case 2:
      return `+49 ${randomInt(random, 30, 89)} ${d(7)}`
    case 3:
      return `0${randomInt(random, 201, 899)} ${d(3)}-${d(4)}`
    case 4:
      return `+44 20 ${d(4)} ${d(4)}`
    case 5:
      return `+33 1 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`
    case 6:
      return `+81-3-${d(4)}-${d(4)}`
    default:
      return String(randomInt(random, 1000, 99999))
  }
}

/** `count` people with ids "directory:0", "directory:1", ...; the same seed gives the same people. */
export function generateDirectory(count: number, seed = 8): DirectoryEntry[] {
  const random = createPrng(seed)
  const entries: DirectoryEntry[] = []
  for (let i = 0; i < count; i += 1) {
    const given = random() < 0.12 ? `${pick(random, GIVEN)} ${pick(random, GIVEN)}` : pick(random, GIVEN)
    const family = random() < 0.08 ? `${familyName(random)}-${familyName(random)}` : familyName(random)
    const numbers = Array.from({ length: randomInt(random, 1, 4) }, (_, n) => ({
      label: n === 0 ? ('work' as const) : pick(random, LABELS),
      number: phoneNumber(random)
    }))
    const entry: DirectoryEntry = { id: `directory:${i}`, source: 'directory', name: `${given} ${family}`, numbers }
    if (random() < 0.9) entry.company = pick(random, COMPANIES)
    if (random() < 0.8) entry.department = pick(random, DEPARTMENTS)
    if (random() < 0.5) entry.title = pick(random, TITLES)
    entries.push(entry)
  }
  return entries
}
