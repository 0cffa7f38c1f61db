import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelCells } from '../../src/newsroom/desk-views.js';

describe('desk tables on a phone', () => {
  it('names each cell after its column, row by row, escaped, and leaves nameless columns alone', () => {
    const rows = '<tr><th scope="row">A</th><td class="x">1</td><td>2</td></tr><tr class="unread"><td>B</td><td>3</td><td>4</td></tr>';
    assert.equal(
      labelCells(rows, ['', 'Reads & "views"', 'When']),
      '<tr><th scope="row">A</th><td data-label="Reads &amp; &quot;views&quot;" class="x">1</td><td data-label="When">2</td></tr><tr class="unread"><td>B</td><td data-label="Reads &amp; &quot;views&quot;">3</td><td data-label="When">4</td></tr>',
    );
    assert.equal(
      labelCells('<tr><td>1</td><td>2</td><td>extra</td></tr>', ['One', 'Two']),
      '<tr><td data-label="One">1</td><td data-label="Two">2</td><td>extra</td></tr>',
      'more cells than columns',
    );
    assert.equal(
      labelCells('<tr><td><table-like>x</table-like></td></tr>', ['One']),
      '<tr><td data-label="One"><table-like>x</table-like></td></tr>',
      'only td and th open a cell',
    );
    // kitajs escapes quotes in attributes but not "<": a value holding "<td" is not a cell.
    const hostile = '<tr><td><button aria-label="Delete <td onfocus=alert(1) autofocus x=">x</button></td><td>2</td></tr>';
    assert.equal(
      labelCells(hostile, ['A', 'B']),
      '<tr><td data-label="A"><button aria-label="Delete <td onfocus=alert(1) autofocus x=">x</button></td><td data-label="B">2</td></tr>',
    );
  });
});
