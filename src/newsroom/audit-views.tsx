import type { AuditEntry } from '../content/audit.js';
import { DeskTable } from './desk-views.js';

export function AuditPage({ entries }: { entries: AuditEntry[] }) {
  return (
    <div>
      <h1>Audit log</h1>
      <DeskTable caption="Newest first" headers={['When', 'Who', 'Action', 'Subject', 'Detail']}>
        {entries.map((e) => (
          <tr>
            <td safe>{e.at}</td>
            <td safe>{e.actor}</td>
            <td safe>{e.action}</td>
            <td safe>{e.subject}</td>
            <td safe>{e.detail}</td>
          </tr>
        ))}
      </DeskTable>
    </div>
  );
}
