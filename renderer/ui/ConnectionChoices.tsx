/** The options of a "write with connection" select: the active connection (value ""), then each saved one, read-only ones said. */
export function ConnectionChoices({
  active,
  profiles,
}: {
  active: string;
  profiles: readonly { name: string; readOnly?: boolean }[] | null | undefined;
}) {
  return (
    <>
      <option value="">{active} (the active connection)</option>
      {(profiles ?? []).map((p) => (
        <option key={p.name} value={p.name}>
          {p.name}
          {p.readOnly ? ' (read-only)' : ''}
        </option>
      ))}
    </>
  );
}
