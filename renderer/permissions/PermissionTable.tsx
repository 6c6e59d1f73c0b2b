import type { PermissionReport, PermissionStatus } from '../../shared/contract';
import { withRemedyText } from '../api/remedy-text';

const label: Record<PermissionStatus, string> = {
  granted: 'Granted',
  missing: 'Missing',
  'kms-denied': 'Blocked by KMS',
  unchecked: 'Not checked',
};

export function PermissionTable({ report }: { report: PermissionReport }) {
  return (
    <table className="table" aria-label="Permissions">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Needed for</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {report.actions.map((a) => (
          <tr key={a.action}>
            <th scope="row" className="table__name">
              {a.action}
              {a.required && <span className="badge connection-row__active">required</span>}
            </th>
            <td className="table__nowrap">
              <span className={`badge permission--${a.status}`}>{label[a.status]}</span>
            </td>
            <td>{a.neededFor}</td>
            <td className="muted">{a.status === 'granted' ? '' : withRemedyText(a.reason, a.remedy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
