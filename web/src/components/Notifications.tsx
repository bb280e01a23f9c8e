import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { planApi, type Notification } from '../plan-api.ts';
import { RouterLink, useLocation } from '../router.tsx';
import { Button } from './Button.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const REFRESH_MS = 60_000;

/** Only links inside the app are followed; anything else is shown as plain text. */
const inAppLink = (link: string) =>
  link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/api/') ? link : null;

/**
 * The notifications indicator for the header: a button with the unread count that opens the list (new
 * messages, documents, agreements, evaluations due, dashboard alerts that fired) in a modal dialog (the
 * browser keeps focus inside, Escape closes it and focus returns to the button). Opening an item marks it
 * read. Checks again after every navigation and once a minute. Shows nothing for a user who has no notifications at all (the API answers
 * 403 for roles without them).
 */
export function Notifications() {
  const { t, lang, formatDateTime } = useI18n();
  const n = t.notifications;
  const { pathname } = useLocation();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [hidden, setHidden] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const dialogId = useId();
  const headingId = useId();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { data } = await planApi.notifications(signal);
      setItems(data.items);
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) setHidden(true);
      // Other failures (network, server) keep what was there; the next check tries again.
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [load, pathname]);

  useEffect(() => setOpen(false), [pathname]);

  // The dialog exists once the list is there; opening and closing it is the browser's (showModal: top layer,
  // focus inside, Escape).
  const ready = !hidden && items !== null;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open, ready]);

  if (!ready || items === null) return null;

  const unread = items.filter((item) => !item.readAt);
  const sorted = [...items].sort(
    (a, b) => Number(Boolean(a.readAt)) - Number(Boolean(b.readAt)) || b.createdAt.localeCompare(a.createdAt),
  );

  const markRead = async (item: Notification) => {
    if (item.readAt) return;
    setItems((current) =>
      (current ?? []).map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)),
    );
    try {
      await planApi.readNotification(item.id);
    } catch {
      await load();
    }
  };

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="grip-notifications">
      <Button
        ref={button}
        appearance="subtle"
        className="grip-notifications__button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={dialogId}
        onClick={() => setOpen(true)}
      >
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
          focusable="false"
          className="grip-icon"
        >
          <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0" />
        </svg>
        {n.button}
        {unread.length > 0 ? (
          <>
            {' '}
            <StatusBadge status="warning">
              <span aria-hidden="true">{unread.length}</span>
              <span className="grip-visually-hidden">{n.unread(unread.length)}</span>
            </StatusBadge>
          </>
        ) : null}
      </Button>
      <dialog
        ref={dialog}
        id={dialogId}
        className="grip-notifications__dialog"
        aria-labelledby={headingId}
        onClose={() => setOpen(false)}
      >
        <div className="grip-stack">
          <h2 id={headingId} className="utrecht-heading-3">
            {n.heading}
          </h2>
          {sorted.length === 0 ? (
            <p className="utrecht-paragraph">{n.none}</p>
          ) : (
            <ul className="grip-plain-list grip-stack grip-stack--tight">
              {sorted.map((item) => {
                const title = item.title[lang];
                const link = inAppLink(item.link);
                return (
                  <li key={item.id} className="grip-notifications__item">
                    <p className="utrecht-paragraph">
                      {!item.readAt ? (
                        <>
                          <StatusBadge status="warning">{n.new}</StatusBadge>{' '}
                        </>
                      ) : null}
                      {link ? (
                        <RouterLink
                          to={link}
                          className="utrecht-link utrecht-link--html-a"
                          onClick={() => void markRead(item)}
                        >
                          {title}
                        </RouterLink>
                      ) : (
                        title
                      )}
                    </p>
                    <p className="utrecht-paragraph utrecht-paragraph--small grip-muted">
                      {n.kinds[item.kind] ? `${n.kinds[item.kind]}, ` : ''}
                      {formatDateTime(item.createdAt)}
                    </p>
                    {!item.readAt ? (
                      <Button
                        appearance="subtle"
                        aria-label={n.markReadLabel(title)}
                        onClick={() => void markRead(item)}
                      >
                        {n.markRead}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          <div>
            <Button onClick={close}>{n.close}</Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
