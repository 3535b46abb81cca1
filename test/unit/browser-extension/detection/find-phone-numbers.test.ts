/**
 * findPhoneNumbers, case by case: each kind of look-alike is left alone, numbers keep their
 * extensions and are dialled as they should be, the separators pages use are read, offsets are the
 * text's own, and a bare short digit run is never taken for an extension.
 */
import { describe, expect, it } from 'vitest'
import { findPhoneNumbers } from '../../../../src/browser-extension/detection'

const shownIn = (text: string, country: string): string[] => findPhoneNumbers(text, country).map((found) => found.shown)

describe('findPhoneNumbers leaves look-alikes alone', () => {
  it.each([
    ['a German date', 'DE', 'Termin am 12.05.2024'],
    ['an ISO date and time', 'DE', 'Erstellt 2024-05-12 10:30:15'],
    ['a US date', 'US', 'Due 05/12/2024'],
    ['a date with a month name and a time', 'GB', 'Dated 12 May 2024 10:30'],
    ['a time with seconds', 'DE', 'Dauer 10:30:15'],
    ['a euro amount', 'DE', 'Gesamt € 1.234,56'],
    ['a dollar amount', 'US', 'Total $1,234.56'],
    ['an amount before its currency', 'FR', 'Montant 1 234,56 EUR'],
    ['a currency code before a bare amount', 'US', 'Budget USD 5000'],
    ['a large amount without decimals', 'DE', 'Kaufpreis 450000 €'],
    ['an IBAN', 'DE', 'IBAN DE89 3704 0044 0532 0130 00'],
    ['an IBAN without its label', 'DE', 'Bitte auf DE89 3704 0044 0532 0130 00 überweisen'],
    ['an account number', 'US', 'Account 12345678'],
    ['a German account number shaped like a number', 'DE', 'Kontonummer 0532013000'],
    ['a sort code', 'GB', 'Sort code 20-00-00'],
    ['an order number shaped like a number', 'DE', 'Bestellnummer: 0201555123'],
    ['an order number after "#"', 'US', 'Order #2015550123'],
    ['an invoice number', 'FR', 'Facture n° 0142685300'],
    ['a Spanish invoice number', 'ES', 'Factura 912345678'],
    ['a tracking number', 'DE', 'Sendungsnummer: 0034 0434 1610 9404 2557'],
    ['a serial number', 'US', 'S/N 415-555-0132'],
    ['a reference', 'GB', 'Our ref: 0161 496 0123'],
    ['a ticket', 'US', 'Ticket #2125550147'],
    ['a customer number', 'DE', 'Kunden-Nr.: 0221 1234567'],
    ['any "…nummer" label', 'DE', 'Personalnummer 0201555123'],
    ['any "… number" label', 'US', 'Confirmation number 2125550147'],
    ['a "numéro de …" label', 'FR', 'Numéro de facture 0142685300'],
    ['a VAT number', 'IT', 'P. IVA 01234567890'],
    ['a purchase order', 'US', 'PO 4500012345'],
    ['an ISBN', 'DE', 'ISBN 978-3-16-148410-0'],
    ['an ISBN without its label', 'DE', '978-3-16-148410-0'],
    ['a postcode before a town', 'DE', 'Musterstraße 5, 45127 Essen'],
    ['a French postcode', 'FR', '75008 Paris'],
    ['a British postcode', 'GB', 'London SW1A 1AA'],
    ['a US ZIP+4', 'US', 'Beverly Hills, CA 90210-1234'],
    ['decimal coordinates', 'DE', '52.5200, 13.4050'],
    ['coordinates in degrees', 'DE', "52°31'N 13°24'E"],
    ['an IPv4 address', 'DE', 'Router 192.168.178.1'],
    ['an IPv6 address', 'US', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['a version string', 'US', 'Firmware 1.2.3'],
    ['a Windows build', 'DE', 'v10.0.19045'],
    ['a card number in groups of four', 'DE', '4111 1111 1111 1111'],
    ['an Amex card number', 'US', 'Amex 3782 822463 10005'],
    ['a percentage', 'DE', 'Steigerung um 12,5 %'],
    ['a year range with an en dash', 'US', '2019–2024'],
    ['a year range with a hyphen', 'DE', '1990-2000'],
    ['a bare digit run without the trunk "0"', 'DE', 'Tabelle 20240512'],
    ['digits glued to letters', 'US', 'Tracking: 1Z999AA10123456784'],
    ['digits glued to Cyrillic letters', 'DE', 'Код0201555123'],
    ['a decimal number', 'DE', 'Faktor 1.0201555123'],
    ['digit groups continuing on both sides', 'US', 'Codes 1 2125550147 2'],
    ['a web address', 'DE', 'https://example.com/p/0201555123'],
    ['a query parameter', 'US', 'item?id=2125550147'],
    ['an e-mail address', 'DE', '0201555123@example.de'],
    ['a date whose digits make a Danish number', 'DK', 'Født 20.12.1985'],
    ['an ISO date whose digits make a Danish number', 'DK', 'Dato 2024-05-12'],
    ['a year range whose digits make a Danish number', 'DK', 'Sæson 2019–2024'],
    ['an amount whose digits make a Danish number', 'DK', 'Kontantpris kr. 32123456'],
    ['an amount whose digits make a German number', 'DE', 'Summe EUR 0201555123'],
    ['a percentage after a space', 'DE', 'Anteil 0201555123 %'],
    ['an IPv4 address whose digits make a Polish number', 'PL', 'Serwer 172.16.254.1'],
    ['an IPv4 address whose digits make an Indian number', 'IN', 'Router 192.168.178.1'],
    ['a number after "# "', 'DK', 'Sag # 20123456'],
    ['a US ZIP+4 read in Spain', 'ES', 'Beverly Hills, CA 90210-1234']
  ])('%s', (_kind, country, text) => {
    expect(shownIn(text, country)).toEqual([])
  })

  it('finds the number beside the look-alikes', () => {
    expect(
      shownIn('IBAN DE89 3704 0044 0532 0130 00 · Rechnung 2024-0815 vom 12.05.2024 · Tel. 0201 555123', 'DE')
    ).toEqual(['0201 555123'])
  })

  it('lets a phone label nearer to the number win over an identifier before it', () => {
    expect(shownIn('Order questions? Call 0201 555123', 'DE')).toEqual(['0201 555123'])
    expect(shownIn('Bestell-Hotline 0201 555123', 'DE')).toEqual(['0201 555123'])
    expect(shownIn('Ihre Telefonnummer: 0171 1234567', 'DE')).toEqual(['0171 1234567'])
    expect(shownIn('Kundenservicenummer 0800 1234567', 'DE')).toEqual(['0800 1234567'])
    expect(shownIn('Numéro de téléphone : 01 42 68 53 00', 'FR')).toEqual(['01 42 68 53 00'])
    expect(shownIn('Your phone number: 07911 123456', 'GB')).toEqual(['07911 123456'])
    expect(shownIn('Unter der Nummer 0201 555123 erreichen Sie uns.', 'DE')).toEqual(['0201 555123'])
  })

  it('reads an identifier after a preposition as the topic, not as the label of the number', () => {
    expect(shownIn('Fragen zur Rechnung: 0201 555-77', 'DE')).toEqual(['0201 555-77'])
    expect(shownIn('Questions about your order: 0161 496 0123', 'GB')).toEqual(['0161 496 0123'])
    expect(shownIn('Your order 01614960123 has shipped', 'GB')).toEqual([])
  })

  it('does not take the end of a number in one table cell for an amount in the next', () => {
    expect(shownIn('NY 10118\t(212) 555-0147\t$12,345.00', 'US')).toEqual(['(212) 555-0147'])
  })
})

describe('findPhoneNumbers keeps extensions', () => {
  it.each([
    ['+49 201 555 0-12', 'DE', '+49 201 555 0-12', '+49201555012', '12'],
    ['Tel. 0201 555-12', 'DE', '0201 555-12', '+4920155512', '12'],
    ['+49 201 5550123-12', 'DE', '+49 201 5550123-12', '+49201555012312', '12'],
    ['Wien 01 234 56-78', 'AT', '01 234 56-78', '+4312345678', '78'],
    ['Call 201-555-0123 ext. 12', 'US', '201-555-0123 ext. 12', '+12015550123;ext=12', '12'],
    ['(201) 555-0123 x12', 'US', '(201) 555-0123 x12', '+12015550123;ext=12', '12'],
    ['Tél. 01 42 68 53 00 poste 214', 'FR', '01 42 68 53 00 poste 214', '+33142685300;ext=214', '214'],
    ['Tel 0201 555123 Durchwahl 45', 'DE', '0201 555123 Durchwahl 45', '+4920155512345', '45']
  ])('%s', (text, country, shown, dial, extension) => {
    expect(findPhoneNumbers(text, country)).toMatchObject([{ shown, dial, extension, kind: 'public' }])
  })

  it('reads "Durchwahl -23" after a switchboard number as that number with the extension', () => {
    expect(findPhoneNumbers('Zentrale: 0221 4711-0, Durchwahl -23', 'DE')).toMatchObject([
      { shown: '0221 4711-0', dial: '+4922147110' },
      { shown: '-23', dial: '+49221471123', extension: '23', kind: 'public' }
    ])
  })

  it('takes a clearly labelled short run for an internal extension, a bare one never', () => {
    expect(findPhoneNumbers('Durchwahl 1234', 'DE')).toMatchObject([{ shown: '1234', dial: '1234', kind: 'internal' }])
    expect(findPhoneNumbers('ext. 4471', 'US')).toMatchObject([{ shown: '4471', dial: '4471', kind: 'internal' }])
    expect(findPhoneNumbers('Tel.: 1234', 'DE')).toMatchObject([{ shown: '1234', dial: '1234', kind: 'internal' }])
    expect(shownIn('Zimmer 1234', 'DE')).toEqual([])
    expect(shownIn('Tel.: 0201', 'DE')).toEqual([])
    expect(shownIn('1234', 'DE')).toEqual([])
    expect(shownIn('Es gibt 12345 Einträge', 'DE')).toEqual([])
  })
})

describe('findPhoneNumbers reads the ways numbers are written', () => {
  it.each([
    ['no-break spaces', 'DE', 'Telefon 0201\u00a0555\u00a0123', '0201\u00a0555\u00a0123', '+49201555123'],
    [
      'narrow no-break spaces',
      'FR',
      'Tél. 01\u202f42\u202f68\u202f53\u202f00',
      '01\u202f42\u202f68\u202f53\u202f00',
      '+33142685300'
    ],
    ['thin spaces', 'DE', 'Tel. +49\u2009201\u2009555\u2009123', '+49\u2009201\u2009555\u2009123', '+49201555123'],
    ['a slash after the area code', 'DE', 'Tel. 0201/555123', '0201/555123', '+49201555123'],
    ['"(0)" after the country code', 'DE', 'Tel. +49 (0)221 1234567', '+49 (0)221 1234567', '+492211234567'],
    ['"00" for "+"', 'DE', 'Wien 0043 1 2345678', '0043 1 2345678', '+4312345678'],
    ['a tel: text', 'DE', 'tel:+4920155501234', '+4920155501234', '+4920155501234'],
    ['dots', 'FR', '06.12.34.56.78', '06.12.34.56.78', '+33612345678'],
    ['brackets around the area code', 'AU', 'Call (02) 9876 5432', '(02) 9876 5432', '+61298765432'],
    ["Japan's hyphens after a label touching it", 'JP', '電話：03-1234-5678', '03-1234-5678', '+81312345678'],
    ['a toll-free number without the trunk "0"', 'AU', '1300 123 456', '1300 123 456', '+611300123456'],
    ['a US number dialled from abroad', 'US', 'Dial 011 49 201 555123', '011 49 201 555123', '+49201555123'],
    ['after a room number and a slash', 'DE', 'Raum 12 / 0201 555123', '0201 555123', '+49201555123']
  ])('%s', (_how, country, text, shown, dial) => {
    expect(findPhoneNumbers(text, country)).toMatchObject([{ shown, dial }])
  })

  it('gives offsets in UTF-16 code units of the text as it was', () => {
    const text = '📞 Rufen Sie an: 0201\u202f555123!'
    const [found] = findPhoneNumbers(text, 'DE')
    expect(text.slice(found.start, found.end)).toBe('0201\u202f555123')
    expect(found.start).toBe(text.indexOf('0201'))
  })

  it('finds "+" numbers when the country is unknown, and national ones only with a country', () => {
    expect(shownIn('Tel. +49 201 555123 oder 0201 555124', '')).toEqual(['+49 201 555123'])
    expect(shownIn('Tel. +49 201 555123 oder 0201 555124', 'DE')).toEqual(['+49 201 555123', '0201 555124'])
    expect(shownIn('Tel. +49 201 555123 oder 0201 555124', 'de')).toEqual(['+49 201 555123', '0201 555124'])
  })
})
