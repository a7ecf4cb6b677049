import MenuItem from '@material-ui/core/MenuItem';

/** A Select's options: one MenuItem per value, shown as `label` makes it. */
export function menuItems<T extends string | number>(
  values: readonly T[],
  label: (value: T) => string = String,
) {
  return values.map(value => (
    <MenuItem key={value} value={value}>
      {label(value)}
    </MenuItem>
  ));
}
