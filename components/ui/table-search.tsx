"use client";
// The search box above a table: a labelled search field and its Search button, in a search landmark.
// The text is the caller's (it stays while typing); pressing Search hands it over trimmed.
import { Button } from "@/components/ui/button";

export function TableSearch({
  id,
  label,
  landmark,
  value,
  onValue,
  onSearch,
  inputRef,
  placeholder,
  className = "flex items-end gap-2",
  fieldClassName,
  inputClassName = "w-48 sm:w-64",
}: {
  id: string;
  label: string;
  /** The search landmark's own name, when the page has more than one. */
  landmark?: string;
  value: string;
  onValue: (value: string) => void;
  onSearch: (text: string) => void;
  inputRef?: React.RefObject<HTMLInputElement | null>;
  placeholder?: string;
  className?: string;
  fieldClassName?: string;
  inputClassName?: string;
}) {
  return (
    <form
      role="search"
      aria-label={landmark}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(value.trim());
      }}
      className={className}
    >
      <div className={fieldClassName}>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input
          ref={inputRef}
          id={id}
          type="search"
          value={value}
          maxLength={100}
          onChange={(event) => onValue(event.target.value)}
          placeholder={placeholder}
          className={`mt-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm ${inputClassName}`}
        />
      </div>
      <Button type="submit">Search</Button>
    </form>
  );
}
