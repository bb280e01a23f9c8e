import { ROLES, type Role, type RoleAssignment } from '../api.ts';
import { scopeText } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ChoiceField, Fieldset } from './FormField.tsx';

/**
 * One checkbox per role. Unticking removes every assignment of that role; ticking adds it for the whole
 * municipality. Assignments limited to a team or wijk are kept as they are (there is no screen for teams yet).
 */
export function RolesFieldset({
  value,
  onChange,
  error,
}: {
  value: RoleAssignment[];
  onChange(next: RoleAssignment[]): void;
  error?: string;
}) {
  const { t } = useI18n();
  const toggle = (role: Role, checked: boolean) =>
    onChange(
      checked
        ? value.some((a) => a.role === role)
          ? value
          : [...value, { role, teamId: null, wijkCode: null }]
        : value.filter((a) => a.role !== role),
    );
  return (
    <Fieldset id="roles" legend={t.user.roles} description={t.user.rolesHint} error={error}>
      {ROLES.map((role) => {
        const scoped = value
          .filter((a) => a.role === role)
          .map((a) => scopeText(a, t))
          .filter(Boolean);
        return (
          <ChoiceField
            key={role}
            id={`role-${role}`}
            name="roles"
            value={role}
            label={t.roles[role]}
            description={scoped.length > 0 ? t.user.scopeNote(scoped.join('; ')) : undefined}
            checked={value.some((a) => a.role === role)}
            onChange={(e) => toggle(role, e.target.checked)}
          />
        );
      })}
    </Fieldset>
  );
}
