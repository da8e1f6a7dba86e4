/** Permission keys that the host itself defines; plugins add their own. */
export const hostPermissions = {
  manageCompany: "company.manage",
} as const;

export interface PermissionDefinition {
  key: string;
  label: string;
  description: string;
}

export const hostPermissionDefinitions: PermissionDefinition[] = [
  {
    key: hostPermissions.manageCompany,
    label: "Manage company",
    description:
      "Change company settings, the Twilio connection, plugins and numbers.",
  },
];

/** Returns the label of a host permission, or the key for any other. */
export function hostPermissionLabel(key: string): string {
  const definition = hostPermissionDefinitions.find(
    (permission) => permission.key === key,
  );

  return definition?.label ?? key;
}
