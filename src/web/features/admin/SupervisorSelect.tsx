import { Select } from 'antd';
import { useMemo } from 'react';
import { useDirectory, type User } from './api';
import { departmentName, departmentOfRole, DEPARTMENTS } from './vocab';

/**
 * 上级: picked among those the server accepts as a supervisor — active staff, not administrators
 * (GET /users/directory) — minus `exclude` (the user and everyone below them: a loop is refused).
 * The role's own department comes first.
 */
export function SupervisorSelect({
  id,
  value,
  onChange,
  role,
  exclude,
  current,
  size,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  role?: string;
  exclude?: Set<string>;
  /** the supervisor the user has now, shown even if no longer selectable (e.g. deactivated) */
  current?: Pick<User, 'id' | 'displayName' | 'active'> | null;
  size?: 'large' | 'middle';
}) {
  const directory = useDirectory();
  const own = role ? departmentOfRole(role) : undefined;
  const options = useMemo(() => {
    const people = (directory.data ?? []).filter((u) => !exclude?.has(u.id));
    const order = own ? [own, ...DEPARTMENTS.filter((d) => d !== own)] : [...DEPARTMENTS];
    const groups = order
      .map((d) => ({
        label: departmentName(d),
        title: departmentName(d),
        options: people.filter((u) => u.department === d).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.roleName}` })),
      }))
      .filter((g) => g.options.length > 0);
    if (current && !people.some((u) => u.id === current.id)) {
      groups.unshift({ label: '当前上级', title: '当前上级', options: [{ value: current.id, label: `${current.displayName}${current.active ? '' : '（已停用）'}` }] });
    }
    return groups;
  }, [directory.data, exclude, own, current]);

  return (
    <Select
      id={id}
      size={size}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={directory.isPending}
      placeholder="无上级（可选）"
      options={options}
      notFoundContent={directory.isError ? '无法读取人员名单' : '没有符合条件的人员'}
    />
  );
}
