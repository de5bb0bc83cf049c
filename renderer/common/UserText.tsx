// Browser runtime. Text that people wrote (a name, a message) inside the app's own text: its
// direction is its own (dir="auto") and it is isolated (unicode-bidi: isolate, base.css), so a
// right-to-left override in a name cannot reorder the times, badges and words around it.
export function UserText({ text, className, id }: { text: string; className?: string; id?: string }) {
  return (
    <span dir="auto" className={className ? `user-text ${className}` : 'user-text'} id={id}>
      {text}
    </span>
  );
}
