/** The filter sent for what the person typed: every value escaped (RFC 4515), words and digits as the server can match them. */
import { describe, expect, it } from 'vitest'
import { searchFilter } from '../../src/main/directory/ldap/ldap-filter'
import { DIRECTORY_PRESETS, defaultDirectorySettings } from '../../src/shared/directory-settings'

const openldap = { ...defaultDirectorySettings('openldap'), url: 'ldap://127.0.0.1', baseDn: 'dc=example,dc=com' }

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
    const activeDirectory = { ...openldap, filter: '', attributes: DIRECTORY_PRESETS['active-directory'].attributes }
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

  it('has nothing to search for in blank input', () => {
    expect(searchFilter('  \t ', openldap)).toBeUndefined()
  })
})
