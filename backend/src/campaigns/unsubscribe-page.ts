const TEXT = {
  confirm: {
    title: 'Dezabonare / Отписка / Unsubscribe',
    lines: [
      'Nu mai doriți să primiți aceste mesaje?',
      'Не хотите больше получать эти письма?',
      'No longer wish to receive these e-mails?',
    ],
    button: 'Dezabonați-mă / Отписаться / Unsubscribe me',
  },
  done: {
    title: 'Dezabonat / Отписка оформлена / Unsubscribed',
    lines: [
      'V-ați dezabonat. Nu veți mai primi aceste mesaje.',
      'Вы отписались и больше не будете получать эти письма.',
      'You are unsubscribed and will not receive these e-mails any more.',
    ],
    button: '',
  },
};

/** The small trilingual page behind the unsubscribe link. `token` is a signed, URL-safe value. */
export function unsubscribePage(step: 'confirm' | 'done', token: string): string {
  const text = TEXT[step];
  const form =
    step === 'confirm'
      ? `<form method="post" action="${encodeURIComponent(token)}"><button type="submit" style="padding:10px 18px;font-size:15px">${text.button}</button></form>`
      : '';
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${text.title}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:520px;margin:48px auto;padding:0 16px;color:#1f2937">
${text.lines.map((line) => `<p>${line}</p>`).join('\n')}
${form}
</body></html>`;
}
