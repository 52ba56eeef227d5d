package com.mandatewatch.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads what a real SMTP server (GreenMail) received: messages per recipient and their decoded text part. */
public final class Mails {
    private Mails() {
    }

    public static List<MimeMessage> to(GreenMail smtp, String recipient) {
        List<MimeMessage> out = new ArrayList<>();
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                for (Address a : m.getAllRecipients()) if (a.toString().equals(recipient)) out.add(m);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The decoded text/plain part (the mail has HTML and text parts). */
    public static String text(Part p) {
        try {
            if (p.isMimeType("text/plain")) return (String) p.getContent();
            if (p.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    String t = text(b);
                    if (t != null) return t;
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
