import type { ReactNode } from 'react';

/** The markdown text components use: headings, paragraphs, bold and line breaks — as elements, never as HTML. */
export function Markdown({ text }: { text: string }) {
  const blocks = text
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        const heading = /^(#{1,6})\s+(.*)$/s.exec(block);
        if (heading) {
          const level = Math.min(6, heading[1]!.length + 1);
          const Tag = `h${Math.max(3, level - 1)}` as 'h3';
          return <Tag key={i}>{inline(heading[2]!)}</Tag>;
        }
        return <p key={i}>{inline(block)}</p>;
      })}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|\n)/).map((part, i) => {
    if (part === '\n') return <br key={i} />;
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}
