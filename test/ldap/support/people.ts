/**
 * The test directory's people: a few named on purpose (diacritics, a comma, a name that sounds
 * like another) and a few thousand generated ones, with numbers written in different styles.
 */
export interface TestPerson {
  uid: string
  cn: string
  sn: string
  telephoneNumber?: string
  mobile?: string
  mail: string
  ou?: string
  o?: string
  title: string
  givenName?: string
  displayName?: string
  l?: string
  departmentNumber?: string
  /** Active Directory's attributes (the test schema `deskdialAdUser` adds them), for people moved from AD. */
  ipPhone?: string
  otherTelephone?: string
  department?: string
  company?: string
}

/** Found by the tests by name, number or both. */
export const NAMED_PEOPLE: TestPerson[] = [
  {
    uid: 'jmueller',
    cn: 'Jürgen Müller',
    sn: 'Müller',
    telephoneNumber: '+1 (201) 555-0123',
    mobile: '+49 171 5550199',
    mail: 'juergen.mueller@example.com',
    ou: 'Sales',
    o: 'Example GmbH',
    title: 'Account Manager'
  },
  {
    uid: 'amiller',
    cn: 'Anna Miller',
    sn: 'Miller',
    telephoneNumber: '201.555.0456',
    mail: 'anna.miller@example.com',
    ou: 'Support',
    o: 'Example Inc.',
    title: 'Engineer'
  },
  {
    uid: 'skierkegaard',
    cn: 'Søren Kierkegaard',
    sn: 'Kierkegaard',
    telephoneNumber: '+45 33 12 34 56',
    mail: 'soren@example.dk',
    ou: 'Philosophy',
    o: 'Example ApS',
    title: 'Author'
  },
  {
    uid: 'jgarcia',
    cn: 'José García',
    sn: 'García',
    telephoneNumber: '+34 91 555 01 23',
    mobile: '0034-600-555-777',
    mail: 'jose.garcia@example.es',
    ou: 'Ventas',
    o: 'Ejemplo S.L.',
    title: 'Director'
  },
  {
    uid: 'jdoe',
    cn: 'Doe, John',
    sn: 'Doe',
    telephoneNumber: '(0201) 555 07 89',
    mail: 'john.doe@example.com',
    ou: 'Finance',
    o: 'Example Inc.',
    title: 'Controller'
  },
  {
    // Moved from Active Directory: cn is the account name, and AD's attributes hold the rest.
    uid: 'pkowalczyk',
    cn: 'pkowalczyk',
    sn: 'Kowalczyk',
    givenName: 'Paweł',
    displayName: 'Paweł Kowalczyk',
    telephoneNumber: '+48 22 555 0142',
    otherTelephone: '+48 22 555 0143',
    ipPhone: 'x5127',
    mail: 'pawel.kowalczyk@example.pl',
    department: 'Treasury',
    departmentNumber: '4711',
    l: 'Kraków',
    company: 'Example Sp. z o.o.',
    title: 'Controller'
  },
  {
    uid: 'hostile',
    cn: 'Star (*) Back\\slash',
    sn: 'Star',
    telephoneNumber: '555 0000',
    mail: 'star@example.com',
    ou: 'Quality',
    o: 'Example Inc.',
    title: 'Tester'
  }
]

const GIVEN = ['Anna', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'François', 'Greta', 'Hiro', 'Ines', 'Jan', 'Kai', 'Léa']
const FAMILY = ['Schmidt', 'Nakamura', 'Öztürk', 'Novák', 'Dubois', 'Kowalski', 'Rossi', 'Svensson', 'Ødegaard']
const UNITS = ['Sales', 'Support', 'Finance', 'Logistics', 'Research']
const STYLES = [
  (digits: string) => `+1 (212) ${digits.slice(0, 3)}-${digits.slice(3)}`,
  (digits: string) => `212.${digits.slice(0, 3)}.${digits.slice(3)}`,
  (digits: string) => `+49 30 ${digits}`,
  (digits: string) => `030/${digits.slice(0, 3)} ${digits.slice(3)}`
]

/** `count` generated people, to be found after the named ones. */
export function generatedPeople(count: number): TestPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const given = GIVEN[index % GIVEN.length]
    const family = FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]
    const digits = `7${String(index).padStart(6, '0')}`
    return {
      uid: `p${index}`,
      cn: `${given} ${family} ${index}`,
      sn: family,
      telephoneNumber: STYLES[index % STYLES.length](digits),
      ...(index % 3 === 0 ? { mobile: `+44 7700 ${digits}` } : {}),
      mail: `p${index}@example.com`,
      ou: UNITS[index % UNITS.length],
      o: 'Example Inc.',
      title: 'Staff'
    }
  })
}
