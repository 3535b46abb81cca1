/**
 * A company directory of people from many countries, as after a migration: about half came from
 * Active Directory (their `cn` is the account name, the name is `displayName`, the extension is in
 * `ipPhone` and the department in `department`, the company in `company`) and half were always in
 * OpenLDAP (`cn`, `ou`, `o`). The people the query set looks for are named on purpose: written with
 * ł, ı, Đ, ß, Greek accents, umlauts spelled out or not; the rest are generated from the same
 * countries' names. Numbers are unique, written in each country's style.
 */
import type { TestPerson } from './people'

interface Target {
  uid: string
  name: string
  /** From Active Directory: ipPhone, department and company; else OpenLDAP's ou and o. */
  ad?: { ipPhone?: string; department: string }
  ou?: string
  number: string
}

/** The people the query set looks for. */
const TARGETS: Target[] = [
  {
    uid: 'pkowalczyk',
    name: 'Paweł Kowalczyk',
    ad: { ipPhone: 'x5127', department: 'Treasury' },
    number: '+48 22 555 0142'
  },
  { uid: 'lwisniewski', name: 'Łukasz Wiśniewski', ou: 'Logistics', number: '+48 12 555 0177' },
  {
    uid: 'ayildirim',
    name: 'Ayşe Yıldırım',
    ad: { ipPhone: 'ext. 4410', department: 'Procurement' },
    number: '+90 212 555 0133'
  },
  { uid: 'dpetrovic', name: 'Đorđe Petrović', ou: 'Field Service', number: '+381 11 555 0166' },
  {
    uid: 'ddukic',
    name: 'Dragana Đukić',
    ad: { ipPhone: '-3301', department: 'Quality Assurance' },
    number: '+385 1 555 0190'
  },
  { uid: 'ipapadopoulos', name: 'Ιωάννης Παπαδόπουλος', ou: 'Shipping', number: '+30 21 0555 0111' },
  { uid: 'ngeorgiou', name: 'Νίκος Γεωργίου', ad: { department: 'Legal' }, number: '+30 231 055 5012' },
  { uid: 'cgrossmann', name: 'Claus Großmann', ou: 'Facilities', number: '+49 89 555 0123' },
  {
    uid: 'jmuller',
    name: 'Jürgen Müller',
    ad: { ipPhone: 'Durchwahl 17', department: 'Einkauf' },
    number: '+49 40 555 0199'
  },
  { uid: 'hmueller', name: 'Helga Mueller', ou: 'Human Resources', number: '+49 30 555 0145' },
  { uid: 'bschroder', name: 'Björn Schröder', ad: { department: 'Vertrieb' }, number: '+49 221 555 0161' },
  { uid: 'kbacker', name: 'Käthe Bäcker', ou: 'Payroll', number: '+43 1 555 0173' },
  {
    uid: 'jmwojcik',
    name: 'Jan Michał Wójcik',
    ad: { ipPhone: 'x2288', department: 'Internal Audit' },
    number: '+48 61 555 0188'
  },
  { uid: 'sostergaard', name: 'Søren Østergaard', ou: 'Research', number: '+45 33 55 50 12' },
  { uid: 'athorsson', name: 'Ævar Þórsson', ad: { department: 'Geothermal' }, number: '+354 555 0134' },
  { uid: 'flefevre', name: 'François Lefèvre', ou: 'Marketing', number: '+33 1 55 50 01 47' },
  {
    uid: 'jmartinez',
    name: 'José Martínez',
    ad: { ipPhone: 'x7731', department: 'Ventas' },
    number: '+34 91 555 0158'
  },
  { uid: 'icelik', name: 'İbrahim Çelik', ou: 'Maintenance', number: '+90 312 555 0129' },
  { uid: 'zdvorak', name: 'Zoë Dvořák', ad: { department: 'Design' }, number: '+420 2 5550 0163' },
  { uid: 'skarlsson', name: 'Sigríður Kárlsdóttir', ou: 'Tourism', number: '+354 555 0198' },
  {
    uid: 'mnguyen',
    name: 'Nguyễn Thị Minh',
    ad: { ipPhone: 'x6042', department: 'Treasury' },
    number: '+84 24 5550 0172'
  },
  { uid: 'olindqvist', name: 'Olle Lindqvist', ou: 'Treasury', number: '+46 8 555 0181' }
]

/** What is typed, and the uid of the person it is for (the query set of issue 14). */
export const WORLD_QUERIES: Array<{ query: string; uid: string; kind: string }> = [
  { query: 'pk', uid: 'pkowalczyk', kind: 'initials' },
  { query: 'jmw', uid: 'jmwojcik', kind: 'initials' },
  { query: 'ae', uid: 'athorsson', kind: 'initials' },
  { query: 'pawel kowalczyk', uid: 'pkowalczyk', kind: 'ł typed without' },
  { query: 'lukasz wisniewski', uid: 'lwisniewski', kind: 'ł typed without' },
  { query: 'wisniewski', uid: 'lwisniewski', kind: 'ł typed without' },
  { query: 'ayse yildirim', uid: 'ayildirim', kind: 'ı typed without' },
  { query: 'yildirim', uid: 'ayildirim', kind: 'ı typed without' },
  { query: 'ibrahim celik', uid: 'icelik', kind: 'İ typed without' },
  { query: 'dorde petrovic', uid: 'dpetrovic', kind: 'Đ typed without' },
  { query: 'petrovic', uid: 'dpetrovic', kind: 'Đ typed without' },
  { query: 'dukic', uid: 'ddukic', kind: 'Đ typed without' },
  { query: 'claus grossmann', uid: 'cgrossmann', kind: 'ß typed without' },
  { query: 'grossmann', uid: 'cgrossmann', kind: 'ß typed without' },
  { query: 'ιωαννης παπαδοπουλος', uid: 'ipapadopoulos', kind: 'Greek typed without accents' },
  { query: 'παπαδοπουλος', uid: 'ipapadopoulos', kind: 'Greek typed without accents' },
  { query: 'νικος γεωργιου', uid: 'ngeorgiou', kind: 'Greek typed without accents' },
  { query: 'γεωργιου', uid: 'ngeorgiou', kind: 'Greek typed without accents' },
  { query: 'jurgen mueller', uid: 'jmuller', kind: 'umlaut spelled out' },
  { query: 'mueller jurgen', uid: 'jmuller', kind: 'umlaut spelled out' },
  { query: 'helga müller', uid: 'hmueller', kind: 'umlaut typed, stored spelled out' },
  { query: 'helga muller', uid: 'hmueller', kind: 'umlaut typed, stored spelled out' },
  { query: 'bjoern schroeder', uid: 'bschroder', kind: 'umlaut spelled out' },
  { query: 'schroeder', uid: 'bschroder', kind: 'umlaut spelled out' },
  { query: 'kaethe baecker', uid: 'kbacker', kind: 'umlaut spelled out' },
  { query: 'soren ostergaard', uid: 'sostergaard', kind: 'ø typed without' },
  { query: 'aevar thorsson', uid: 'athorsson', kind: 'æ þ typed without' },
  { query: 'francois lefevre', uid: 'flefevre', kind: 'accents typed without' },
  { query: 'jose martinez', uid: 'jmartinez', kind: 'accents typed without' },
  { query: 'zoe dvorak', uid: 'zdvorak', kind: 'accents typed without' },
  { query: 'sigridur', uid: 'skarlsson', kind: 'accents typed without' },
  { query: 'nguyen thi minh', uid: 'mnguyen', kind: 'accents typed without' },
  { query: '5127', uid: 'pkowalczyk', kind: 'ipPhone extension digits' },
  { query: 'x5127', uid: 'pkowalczyk', kind: 'ipPhone extension digits' },
  { query: '4410', uid: 'ayildirim', kind: 'ipPhone extension digits' },
  { query: 'ext. 4410', uid: 'ayildirim', kind: 'ipPhone extension digits' },
  { query: '3301', uid: 'ddukic', kind: 'ipPhone extension digits' },
  { query: 'x2288', uid: 'jmwojcik', kind: 'ipPhone extension digits' },
  { query: '7731', uid: 'jmartinez', kind: 'ipPhone extension digits' },
  { query: 'x6042', uid: 'mnguyen', kind: 'ipPhone extension digits' },
  { query: 'treasury kowalczyk', uid: 'pkowalczyk', kind: 'AD department' },
  { query: 'procurement', uid: 'ayildirim', kind: 'AD department' },
  { query: 'internal audit', uid: 'jmwojcik', kind: 'AD department' },
  { query: 'geothermal', uid: 'athorsson', kind: 'AD department' },
  { query: 'kowalcyzk', uid: 'pkowalczyk', kind: 'typo' },
  { query: 'wisniewsky', uid: 'lwisniewski', kind: 'typo' },
  { query: 'francois lefebvre', uid: 'flefevre', kind: 'typo' },
  { query: 'martinex', uid: 'jmartinez', kind: 'typo' },
  { query: '+48 22 555 0142', uid: 'pkowalczyk', kind: 'number' },
  { query: '0221 555 0161', uid: 'bschroder', kind: 'number' }
]

/** Given and family names of each country, for the generated people. */
const COUNTRIES: Array<{ given: string[]; family: string[]; number: (n: string) => string; ad: boolean }> = [
  {
    given: ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Michał'],
    family: ['Nowak', 'Lewandowski', 'Zieliński', 'Szymańska', 'Woźniak'],
    number: (n) => `+48 22 7${n}`,
    ad: true
  },
  {
    given: ['Mehmet', 'Elif', 'Mustafa', 'Zeynep', 'Emre'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Aydın'],
    number: (n) => `+90 216 7${n}`,
    ad: false
  },
  {
    given: ['Thomas', 'Sabine', 'Stefan', 'Ursula', 'Jörg', 'Monika'],
    family: ['Schmidt', 'Fischer', 'Weiß', 'Köhler', 'Hoffmann', 'Schäfer'],
    number: (n) => `+49 69 7${n}`,
    ad: true
  },
  {
    given: ['Γιώργος', 'Μαρία', 'Δημήτρης', 'Ελένη'],
    family: ['Αλεξίου', 'Νικολάου', 'Οικονόμου', 'Σταθόπουλος'],
    number: (n) => `+30 21 7${n}`,
    ad: false
  },
  {
    given: ['Marko', 'Ivana', 'Nikola', 'Jelena'],
    family: ['Jovanović', 'Horvat', 'Kovačević', 'Babić'],
    number: (n) => `+385 1 7${n}`,
    ad: true
  },
  {
    given: ['Lars', 'Ingrid', 'Mette', 'Nils'],
    family: ['Hansen', 'Johansson', 'Sørensen', 'Berg'],
    number: (n) => `+47 22 7${n}`,
    ad: false
  },
  {
    given: ['Marie', 'Jean', 'Camille', 'Hélène', 'Rémi'],
    family: ['Dubois', 'Moreau', 'Lefebvre', 'Girard'],
    number: (n) => `+33 1 7${n}`,
    ad: true
  },
  {
    given: ['Carmen', 'Javier', 'Lucía', 'Andrés'],
    family: ['García', 'López', 'Sánchez', 'Muñoz'],
    number: (n) => `+34 93 7${n}`,
    ad: false
  },
  {
    given: ['Hiroshi', 'Yuki', 'Kenji', 'Aiko'],
    family: ['Tanaka', 'Suzuki', 'Watanabe', 'Itō'],
    number: (n) => `+81 3 7${n}`,
    ad: true
  },
  {
    given: ['James', 'Emily', 'Robert', 'Sarah', 'David'],
    family: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson'],
    number: (n) => `+1 (212) 7${n.slice(0, 2)}-${n.slice(2)}`,
    ad: false
  }
]
const DEPARTMENTS = ['Sales', 'Support', 'Finance', 'Engineering', 'Operations', 'Customer Care', 'IT', 'Warehouse']
const TITLES = ['Engineer', 'Manager', 'Specialist', 'Assistant', 'Analyst']

function person(
  uid: string,
  name: string,
  number: string,
  fromAd: boolean,
  department: string,
  extension?: string
): TestPerson {
  const words = name.split(' ')
  const common = {
    uid,
    sn: words[words.length - 1],
    givenName: words[0],
    telephoneNumber: number,
    mail: `${uid}@example.com`,
    title: TITLES[uid.length % TITLES.length],
    l: fromAd ? 'Berlin' : 'Warszawa'
  }
  return fromAd
    ? {
        ...common,
        cn: uid,
        displayName: name,
        department,
        company: 'Example Group',
        ...(extension ? { ipPhone: extension } : {})
      }
    : { ...common, cn: name, ou: department, o: 'Example Group' }
}

/** The named people and `count` generated ones (3,000 by default), in one list for `startSlapd({ directory })`. */
export function worldPeople(count = 3000): TestPerson[] {
  const named = TARGETS.map((target) =>
    person(
      target.uid,
      target.name,
      target.number,
      target.ad !== undefined,
      target.ad?.department ?? target.ou ?? '',
      target.ad?.ipPhone
    )
  )
  const generated = Array.from({ length: count }, (_, index) => {
    const country = COUNTRIES[index % COUNTRIES.length]
    const round = Math.floor(index / COUNTRIES.length)
    const given = country.given[round % country.given.length]
    const family = country.family[Math.floor(round / country.given.length) % country.family.length]
    const number = country.number(String(100000 + index).slice(1))
    const extension = country.ad && index % 2 === 0 ? `x${String(1000 + ((index * 7) % 9000))}` : undefined
    return person(
      `w${index}`,
      `${given} ${family}`,
      number,
      country.ad,
      DEPARTMENTS[index % DEPARTMENTS.length],
      extension
    )
  })
  return [...named, ...generated]
}
