/** The filter sent for what the person typed: every value escaped (RFC 4515), words and digits as the server can match them. */
import { describe, expect, it } from 'vitest'
import { searchFilter } from '../../src/main/directory/ldap/ldap-filter'
import { DIRECTORY_PRESETS, defaultDirectorySettings } from '../../src/shared/directory-settings'

/** One attribute per field, so the filters below stay readable. */
const openldap = {
  ...defaultDirectorySettings('openldap'),
  url: 'ldap://127.0.0.1',
  baseDn: 'dc=example,dc=com',
  attributes: {
    name: 'cn',
    telephoneNumber: 'telephoneNumber',
    mobile: 'mobile',
    ipPhone: '',
    homePhone: 'homePhone',
    mail: 'mail',
    department: 'ou',
    title: 'title',
    company: 'o'
  }
}

describe('searchFilter', () => {
  it('matches each word at the start of a word of the name, mail, company or department, within the configured filter', () => {
    expect(searchFilter('jo', openldap)).toBe(
      '(&(objectClass=inetOrgPerson)(|(cn=jo*)(cn=* jo*)(mail=jo*)(o=jo*)(ou=jo*)))'
    )
    expect(searchFilter(' anna  muller ', openldap)).toBe(
      '(&(objectClass=inetOrgPerson)' +
        '(|(cn=anna*)(cn=* anna*)(cn~=anna)(mail=anna*)(o=anna*)(ou=anna*))' +
        '(|(cn=muller*)(cn=* muller*)(cn~=muller)(mail=muller*)(o=muller*)(ou=muller*)))'
    )
  })

  it('matches a phone number by its digits with anything between them, in every mapped number attribute', () => {
    const activeDirectory = { ...openldap, filter: '', attributes: { ...openldap.attributes, ipPhone: 'ipPhone' } }
    expect(searchFilter('+1 (201) 555-01', activeDirectory)).toBe(
      '(|(telephoneNumber=*1*2*0*1*5*5*5*0*1*)(ipPhone=*1*2*0*1*5*5*5*0*1*)(mobile=*1*2*0*1*5*5*5*0*1*)(homePhone=*1*2*0*1*5*5*5*0*1*))'
    )
  })

  it('lets a word of digits among words match a name or a number', () => {
    expect(searchFilter('anna 0456', { ...openldap, filter: '' })).toBe(
      '(&(|(cn=anna*)(cn=* anna*)(cn~=anna)(mail=anna*)(o=anna*)(ou=anna*))' +
        '(|(|(cn=0456*)(cn=* 0456*)(mail=0456*)(o=0456*)(ou=0456*))(|(telephoneNumber=*0*4*5*6*)(mobile=*0*4*5*6*)(homePhone=*0*4*5*6*))))'
    )
  })

  it('escapes parentheses, asterisks, backslash and NUL, so the query cannot change the filter', () => {
    expect(searchFilter('*)(uid=*\\\u0000', { ...openldap, filter: '' })).toBe(
      '(|(cn=\\2a\\29\\28uid=\\2a\\5c\\00*)(cn=* \\2a\\29\\28uid=\\2a\\5c\\00*)(mail=\\2a\\29\\28uid=\\2a\\5c\\00*)(o=\\2a\\29\\28uid=\\2a\\5c\\00*)(ou=\\2a\\29\\28uid=\\2a\\5c\\00*))'
    )
  })

  it('asks, by default, for the names OpenLDAP and Active Directory give each field, whichever the kind', () => {
    for (const kind of ['openldap', 'active-directory'] as const) {
      const settings = { ...openldap, filter: '', attributes: DIRECTORY_PRESETS[kind].attributes }
      const words = searchFilter('jo', settings)!
      for (const attribute of [
        'cn',
        'displayName',
        'mail',
        'o',
        'company',
        'ou',
        'department',
        'departmentNumber',
        'l'
      ])
        expect(words, `${kind}: ${attribute}`).toContain(`(${attribute}=jo*)`)
      const digits = searchFilter('5127', settings)!
      for (const attribute of ['telephoneNumber', 'otherTelephone', 'ipPhone', 'mobile', 'homePhone'])
        expect(digits, `${kind}: ${attribute}`).toContain(`(${attribute}=*5*1*2*7*)`)
    }
  })

  it.each(['x5127', 'ext. 5127', 'Ext 5127', '-5127', 'Durchwahl 5127'])(
    'finds the extension %s by its digits, whatever is written before them',
    (query) => {
      expect(searchFilter(query, { ...openldap, filter: '' })).toBe(
        '(|(telephoneNumber=*5*1*2*7*)(mobile=*5*1*2*7*)(homePhone=*5*1*2*7*))'
      )
    }
  )

  it('has nothing to search for in blank input', () => {
    expect(searchFilter('  \t ', openldap)).toBeUndefined()
  })
})
