import { useState } from 'react';
import { formatDateTime } from '../dates';
import { BookingForm, type BookingRequest } from './BookingForm';
import type { FormProblems } from './form-errors';

/**
 * Right after an onward referral: a check-in on how it is going, booked in the diary there and
 * then (or declined with "Not now"); once booked, says when.
 */
export function CheckInOffer({
  service,
  busy,
  problems,
  refuse,
  onBook,
  onClose,
}: {
  /** The service just referred to; no offer while undefined. */
  service: string | undefined;
  busy: boolean;
  problems: FormProblems;
  refuse: (problems: FormProblems) => boolean;
  /** Books it; `booked` runs once the booking is kept. Resolves whether it was. */
  onBook: (request: BookingRequest, booked: () => void) => Promise<boolean>;
  /** The offer is done with: booked, or "Not now". */
  onClose: () => void;
}) {
  const [bookedNote, setBookedNote] = useState('');
  const [offered, setOffered] = useState(service);
  // A new referral brings a new offer and clears the last "booked" note.
  if (offered !== service) {
    setOffered(service);
    if (service !== undefined) setBookedNote('');
  }
  return (
    <>
      {service === undefined ? null : (
        <div className="nhsuk-inset-text lw-checkin">
          <BookingForm
            idPrefix="checkin"
            heading="Book a check-in"
            intro={`Referred to ${service}. Book a time to hear how it is going?`}
            submitLabel="Book check-in"
            busy={busy}
            problems={problems}
            refuse={refuse}
            onBook={(request) =>
              onBook(request, () => {
                setBookedNote(
                  `Check-in booked for ${formatDateTime(request.start)}: it is in the diary.`,
                );
                onClose();
              })
            }
          >
            <button type="button" className="lw-link-button" onClick={onClose}>
              Not now
            </button>
          </BookingForm>
        </div>
      )}
      <p role="status">{bookedNote}</p>
    </>
  );
}
