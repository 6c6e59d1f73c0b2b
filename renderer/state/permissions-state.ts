import type { Explanation, PermissionReport } from '../../shared/contract';

export interface PermissionsSlice {
  permissionStream: string;
  permissionReport: PermissionReport | null;
  permissionChecking: boolean;
  permissionError: string | null;
  explanation: Explanation | null;
  explaining: boolean;
  setPermissionStream(name: string): void;
  checkPermissions(writeProbe: boolean, admin?: boolean): Promise<void>;
  explainPermissions(): Promise<void>;
}
