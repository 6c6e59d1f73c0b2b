import { useState } from 'react';
import { useAppStore } from '../state/store';
import { permissionVerdict } from '../../shared/permission-verdict';

/** The permission check for the chosen stream, its report and the optional simulator explanation. */
export function usePermissionCheck() {
  const stream = useAppStore((state) => state.permissionStream);
  const report = useAppStore((state) => state.permissionReport);
  const checking = useAppStore((state) => state.permissionChecking);
  const error = useAppStore((state) => state.permissionError);
  const explanation = useAppStore((state) => state.explanation);
  const explaining = useAppStore((state) => state.explaining);
  const setStream = useAppStore((state) => state.setPermissionStream);
  const s3 = useAppStore((state) => state.permissionS3);
  const setS3 = useAppStore((state) => state.setPermissionS3);
  const check = useAppStore((state) => state.checkPermissions);
  const explain = useAppStore((state) => state.explainPermissions);
  const knownStreams = useAppStore((state) => state.streamRows);
  const [writeProbe, setWriteProbe] = useState(false);
  const [admin, setAdmin] = useState(false);

  return {
    stream,
    setStream,
    s3,
    setS3,
    report,
    checking,
    error,
    explanation,
    explaining,
    writeProbe,
    setWriteProbe,
    admin,
    setAdmin,
    check: () => check(writeProbe, admin),
    explain,
    streamNames: knownStreams?.map((row) => row.name) ?? [],
    verdict: report ? permissionVerdict(report) : null,
  };
}
