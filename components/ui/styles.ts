// Class names shared by server and client components: one visual language everywhere.
export const button = {
  base: "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 min-h-9",
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "border border-seal-600 bg-white text-seal-600 hover:bg-seal-50",
  ghost: "text-slate-700 hover:bg-slate-100",
};

export type ButtonVariant = Exclude<keyof typeof button, "base">;

export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return `${button.base} ${button[variant]} ${extra}`.trim();
}

export const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-seal-600";

export const card = "rounded-lg border border-slate-200 bg-white shadow-sm";
