import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, call } from '../../lib/api/client';
import { useActorSearch } from './api';

/**
 * 操作人, picked by name: a user manager searches every account (administrators included); other
 * readers of the log (总经理) pick from the staff directory. The URL keeps the id; its name is
 * looked up again when the page opens from a link.
 */
export function ActorSelect({ id, value, onChange, everyone }: { id: string; value?: string; onChange: (v?: string) => void; everyone: boolean }) {
  const [search, setSearch] = useState('');
  const found = useActorSearch(search.trim(), everyone);
  const chosen = useQuery({
    queryKey: ['users', 'actor-name', everyone, value],
    enabled: !!value,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      if (everyone) return (await call(api.GET('/api/v1/users/{id}', { params: { path: { id: value! } } }))).displayName;
      return (await call(api.GET('/api/v1/users/directory'))).find((u) => u.id === value)?.displayName ?? '（已选用户）';
    },
  });
  const options = (found.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.roleName}` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosen.data ?? '…' });

  return (
    <Select
      id={id}
      allowClear
      placeholder="输入姓名查找"
      value={value}
      onChange={(v?: string) => {
        setSearch('');
        onChange(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? '查找中…' : '没有找到'}
      style={{ minWidth: 180 }}
    />
  );
}
