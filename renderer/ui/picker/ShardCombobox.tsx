import { useCombobox } from 'downshift';
import { countOf } from '../../../shared/plural';
import { ComboboxMenu } from './ComboboxMenu';
import { keepTextOnEscape } from './keep-text-on-escape';
import { useId, useMemo } from 'react';
import type { Shard } from '../../../shared/contract';
import { keySpaceShare } from '../../../shared/lineage';
import { shardChoices } from './shard-choices';
import { useStreamShards } from './useStreamShards';
import './stream-combobox.css';

/**
 * A shard of the stream named beside it, picked from its shards: type-ahead by id or number
 * ("12"), open shards first, each with its share of the key space. An id can still be typed or
 * pasted whole (a stream the connection cannot list, a shard from a log line).
 */
export function ShardCombobox({
  stream,
  label,
  value,
  onChange,
}: {
  stream: string;
  label: string;
  value: string;
  onChange(id: string): void;
}) {
  const shards = useStreamShards(stream);
  const hintId = useId();
  const loaded = shards?.status === 'ok' ? shards.data : null;
  const items = useMemo(() => shardChoices(loaded ?? [], value), [loaded, value]);
  const hint =
    shards === null
      ? null
      : shards.status === 'loading'
        ? 'Loading shards…'
        : shards.status === 'error'
          ? `Shards not listed: ${shards.error.message}`
          : null;

  const combobox = useCombobox<Shard>({
    items,
    itemToString: (shard) => shard?.shardId ?? '',
    inputValue: value,
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.ItemClick && type !== useCombobox.stateChangeTypes.InputKeyDownEnter)
        onChange(inputValue ?? '');
    },
    onSelectedItemChange: ({ selectedItem }) => selectedItem && onChange(selectedItem.shardId),
    selectedItem: null,
    stateReducer: keepTextOnEscape,
  });

  return (
    <div className="stream-combobox shard-combobox">
      <label {...combobox.getLabelProps()} className="visually-hidden">
        {label}
      </label>
      <input
        {...combobox.getInputProps({ 'aria-describedby': hint ? hintId : undefined })}
        className="input mono"
        placeholder={loaded ? `one of ${countOf(loaded.length, 'shard')}` : 'shardId-000000000000'}
        autoComplete="off"
        spellCheck={false}
      />
      <ComboboxMenu
        combobox={combobox}
        items={items}
        itemKey={(shard) => shard.shardId}
        renderItem={(shard) => (
          <>
            <span className="mono">{shard.shardId}</span>
            <span className="muted">
              {' '}
              {shard.open ? 'open' : 'closed'} · {keySpaceShare(shard.hashKeyRange.start, shard.hashKeyRange.end)}% of keys
            </span>
          </>
        )}
      />
      {hint && (
        <span id={hintId} className="muted shard-combobox__hint">
          {hint}
        </span>
      )}
    </div>
  );
}
