package org.bobine.persistence.internal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity, its table created by the migrations of db/migration/notes. */
@Entity
@Table(name = "notes_note")
public class Note {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "body", nullable = false, length = 200)
    private String body;

    @Column(name = "author", length = 100)
    private String author;

    protected Note() {
    }

    public Note(String body, String author) {
        this.body = body;
        this.author = author;
    }

    public Long getId() {
        return id;
    }

    public String getBody() {
        return body;
    }

    public String getAuthor() {
        return author;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
