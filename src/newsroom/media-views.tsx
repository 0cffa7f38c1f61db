export function MediaLibraryPage({ items }: { items: { id: number; src: string; alt: string; credit: string; type: string }[] }) {
  return (
    <div>
      <h1>Media library</h1>
      <p>Choose a story's hero image from its editor ("Choose a hero image"), or use an image's address with the editor's Image button.</p>
      <ul class="media-grid">
        {items.map((m) => (
          <li>
            <img src={m.src} alt={m.alt} width="160" loading="lazy" />
            <p safe>{`#${m.id} · ${m.credit || 'no credit'} · ${m.type}`}</p>
            <p>
              <code safe>{m.src.replace('/media/320/', '/media/960/')}</code>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
