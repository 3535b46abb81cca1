import {
  columnKey,
  MAPPED_TEXT_FIELDS,
  MAPPING_PRESET_NAMES,
  MAPPING_PRESETS,
  type ColumnMapping,
  type CsvColumns,
  type MappedField,
  type MappingPresetName
} from '../../../shared/contact-files'

const FIELD_NAMES: Record<MappedField, string> = {
  name: 'Full name',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  company: 'Company',
  department: 'Department',
  title: 'Job title',
  email: 'E-mail',
  work: 'Work number',
  mobile: 'Mobile number',
  home: 'Home number',
  other: 'Other number'
}
const FIELDS: MappedField[] = [...MAPPED_TEXT_FIELDS, 'work', 'mobile', 'home', 'other']
const PRESET_NAMES: Record<MappingPresetName, string> = { outlook: 'Outlook', google: 'Google Contacts' }

/** The file's own spelling of each column a mapping names, the columns it lacks left out. */
export function mappingForColumns(mapping: ColumnMapping, columns: readonly string[]): ColumnMapping {
  const byKey = new Map(columns.map((column) => [columnKey(column), column]))
  const present = (value: string | string[] | undefined) =>
    (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap((column) => {
      const found = byKey.get(columnKey(column))
      return found === undefined ? [] : [found]
    })
  const result: ColumnMapping = {}
  for (const field of FIELDS) {
    const found = [...new Set(present(mapping[field]))]
    if (found.length > 0) result[field] = found
  }
  const phones = (mapping.phones ?? []).flatMap((pair) => {
    const [type] = present(pair.type)
    const [value] = present(pair.value)
    return type === undefined || value === undefined ? [] : [{ type, value }]
  })
  if (phones.length > 0) result.phones = phones
  return result
}

interface ColumnMappingFormProps {
  csv: CsvColumns
  /** The mapping shown, in the file's own columns. */
  mapping: ColumnMapping
  preset: MappingPresetName | 'custom'
  onChange(mapping: ColumnMapping, preset: MappingPresetName | 'custom'): void
}

/** Which of the CSV's columns fills which contact field: a preset, and one column select per field. */
export function ColumnMappingForm({ csv, mapping, preset, onChange }: ColumnMappingFormProps) {
  const asList = (field: MappedField): string[] => {
    const value = mapping[field]
    return value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  return (
    <div className="column-mapping">
      <div className="field">
        <label htmlFor="mapping-preset">The file comes from</label>
        <select
          id="mapping-preset"
          value={preset}
          onChange={(event) => {
            const chosen = event.target.value as MappingPresetName | 'custom'
            if (chosen === 'custom') onChange(mapping, 'custom')
            else onChange(mappingForColumns(MAPPING_PRESETS[chosen], csv.columns), chosen)
          }}
        >
          {MAPPING_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {PRESET_NAMES[name]}
            </option>
          ))}
          <option value="custom">Somewhere else: I choose the columns</option>
        </select>
      </div>
      <div className="column-mapping-fields">
        {FIELDS.map((field) => {
          const chosen = asList(field)
          const value = JSON.stringify(chosen)
          return (
            <div className="field" key={field}>
              <label htmlFor={`mapping-${field}`}>{FIELD_NAMES[field]}</label>
              <select
                id={`mapping-${field}`}
                value={value}
                onChange={(event) => {
                  const columns = JSON.parse(event.target.value) as string[]
                  const next: ColumnMapping = { ...mapping }
                  if (columns.length > 0) next[field] = columns
                  else delete next[field]
                  onChange(next, 'custom')
                }}
              >
                <option value="[]">— not imported —</option>
                {chosen.length > 1 && <option value={value}>{chosen.join(' + ')}</option>}
                {csv.columns.map((column, index) => (
                  <option key={index} value={JSON.stringify([column])}>
                    {column}
                  </option>
                ))}
              </select>
            </div>
          )
        })}
      </div>
      {mapping.phones && (
        <p className="hint">
          Numbers with their kind in the next column: {mapping.phones.map((pair) => pair.value).join(', ')}.
        </p>
      )}
    </div>
  )
}
