/** Pieces of the article form that pick by name: pure functions of their models. */

export interface NamedOption {
  value: string;
  label: string;
}

/**
 * Countries: the chosen ones as ticked boxes (the form sends their ISO codes), and a field that
 * adds more by name with the browser's own autocomplete (a datalist of names). Without
 * JavaScript the names are looked up on Save; with it (editor.js) a picked name becomes a box at once.
 */
export function CountryPicker({ chosen, typed, options }: { chosen: string[]; typed: string; options: NamedOption[] }) {
  const nameOf = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset class="country-picker" data-country-picker>
      <legend>Countries (main country first)</legend>
      <div class="chosen-countries" data-chosen>
        {chosen.map((code) => (
          <label class="check">
            <input type="checkbox" name="countries" value={code} checked /> <span safe>{nameOf.get(code) ?? code}</span>
          </label>
        ))}
      </div>
      {chosen.length ? <p class="hint">Untick a country to take it off the story.</p> : <p class="hint">No countries yet.</p>}
      <label for="countryNames">Add countries by name (separate several with commas)</label>
      <input id="countryNames" name="countryNames" list="country-names" autocomplete="off" value={typed} />
      <datalist id="country-names">
        {options.map((o) => (
          <option value={o.label} data-code={o.value}></option>
        ))}
      </datalist>
    </fieldset>
  );
}

/** The hero image in the form: its id travels hidden; the picker page changes it. */
export function HeroField({ value, pickerHref }: { value: string; pickerHref: string | null }) {
  return (
    <>
      <input type="hidden" name="heroMediaId" value={value} />
      {pickerHref ? (
        <p>
          <a href={pickerHref}>{value ? 'Change the hero image (search the library or upload)' : 'Choose a hero image (search the library or upload)'}</a>
        </p>
      ) : (
        <p class="hint">Save the story first, then choose its hero image.</p>
      )}
    </>
  );
}
