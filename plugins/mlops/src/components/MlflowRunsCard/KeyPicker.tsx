import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** Picks one key (`multiple` false) or several keys among the known ones. */
export function KeyPicker(props: {
  id: string;
  label: string;
  keys: string[];
  multiple: true;
  value: string[];
  onChange: (value: string[]) => void;
}): JSX.Element;
export function KeyPicker(props: {
  id: string;
  label: string;
  keys: string[];
  multiple?: false;
  value: string;
  onChange: (value: string) => void;
}): JSX.Element;
export function KeyPicker({
  id,
  label,
  keys,
  multiple,
  value,
  onChange,
}: {
  id: string;
  label: string;
  keys: string[];
  multiple?: boolean;
  value: string | string[];
  onChange: ((value: string[]) => void) | ((value: string) => void);
}) {
  return (
    <FormControl size="small" style={{ minWidth: 160, marginRight: 16 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        multiple={multiple}
        value={value}
        renderValue={v => (Array.isArray(v) ? v.join(', ') : String(v))}
        onChange={e => (onChange as (v: unknown) => void)(e.target.value)}
      >
        {keys.map(key => (
          <MenuItem key={key} value={key}>
            {multiple && (
              <Checkbox
                size="small"
                checked={(value as string[]).includes(key)}
              />
            )}
            <ListItemText primary={key} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
