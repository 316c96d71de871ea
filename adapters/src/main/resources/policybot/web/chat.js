// PolicyBot try-it chat. Plain JavaScript, no build step. Every piece of text from the user or the
// server is put into the page with textContent, never parsed as HTML, so nothing in it can run.
'use strict';

(function () {
  const form = document.getElementById('ask-form');
  const question = document.getElementById('question');
  const questionError = document.getElementById('question-error');
  const askButton = document.getElementById('ask-button');
  const status = document.getElementById('status');
  const tokenField = document.getElementById('token-field');
  const tokenInput = document.getElementById('token');
  const log = document.getElementById('log');
  const empty = document.getElementById('empty');
  const template = document.getElementById('answer-template');

  const VERDICTS = {
    allowed: 'Allowed',
    allowed_with_conditions: 'Allowed, with conditions',
    not_allowed: 'Not allowed'
  };

  // One conversation per page load, so that a follow-up ("what about Gemini?") is read with the question before it.
  const conversation = randomId();
  let asked = 0;

  function randomId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  async function post(path, body) {
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    const token = tokenInput.value.trim();
    if (token) headers['Authorization'] = 'Bearer ' + token;
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(body) });
    } catch (e) {
      return { status: 0, data: { error: 'The server could not be reached. Check your connection and try again.' } };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = { error: 'The server answered with something that is not JSON (status ' + response.status + ').' };
    }
    return { status: response.status, data: data };
  }

  function showQuestionError(message) {
    questionError.textContent = message;
    questionError.hidden = false;
    question.setAttribute('aria-invalid', 'true');
    question.focus();
  }

  function clearQuestionError() {
    questionError.textContent = '';
    questionError.hidden = true;
    question.removeAttribute('aria-invalid');
  }

  function askForToken(message) {
    tokenField.hidden = false;
    status.textContent = message;
    tokenInput.focus();
  }

  // Inline **bold** and line breaks; everything else stays text.
  function appendInline(parent, text) {
    const lines = text.split('\n');
    lines.forEach(function (line, i) {
      if (i > 0) parent.appendChild(document.createElement('br'));
      const parts = line.split(/\*\*(.+?)\*\*/);
      parts.forEach(function (part, j) {
        if (!part) return;
        parent.appendChild(j % 2 === 1 ? el('strong', null, part) : document.createTextNode(part));
      });
    });
  }

  function citationList(citations) {
    const list = el('ol', 'citations');
    list.setAttribute('aria-label', 'Quoted clauses');
    citations.forEach(function (c) {
      const item = el('li', 'citation');
      const figure = el('figure');
      figure.appendChild(el('blockquote', null, c.quote));
      const caption = el('figcaption');
      caption.appendChild(document.createTextNode('Clause '));
      const link = el('a', 'clause-id', c.clause);
      link.setAttribute('href', '/policy#clause-' + encodeURIComponent(c.clause));
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener');
      caption.appendChild(link);
      caption.appendChild(document.createTextNode(' \u2014 ' + c.section));
      figure.appendChild(caption);
      item.appendChild(figure);
      list.appendChild(item);
    });
    return list;
  }

  // The answer's text is light Markdown written for every channel: paragraphs, "> " quotes,
  // **bold**, and the _automated answer_ notice last. Quotes are shown from the citations
  // instead, with their section paths; the notice gets its own place.
  function renderBody(body, answer) {
    const citations = answer.citations || [];
    const paragraphs = (answer.text || '').split(/\n{2,}/);
    let placed = false;
    let notice = null;
    paragraphs.forEach(function (raw, index) {
      let text = raw.trim();
      if (!text) return;
      if (text.length > 2 && text.charAt(0) === '_' && text.charAt(text.length - 1) === '_') {
        notice = text.slice(1, -1);
        return;
      }
      if (text.startsWith('> ')) {
        if (citations.length) {
          if (!placed) body.appendChild(citationList(citations));
          placed = true;
        } else {
          const quote = el('blockquote');
          appendInline(quote, text.replace(/^> ?/gm, ''));
          body.appendChild(quote);
        }
        return;
      }
      if (index === 0 && answer.verdict) {
        // The verdict is shown as the badge above; do not say it twice.
        text = text.replace(/^\*\*[^*]+\*\*\s*/, '');
      }
      const p = el('p');
      appendInline(p, text);
      body.appendChild(p);
    });
    if (!placed && citations.length) body.appendChild(citationList(citations));
    return notice;
  }

  function badge(answer) {
    switch (answer.kind) {
      case 'answer':
        return answer.verdict ? [VERDICTS[answer.verdict] || answer.verdict, 'verdict-' + answer.verdict]
                              : ['What the policy says', 'kind-answer'];
      case 'escalation': return ['For a specialist team', 'kind-escalation'];
      case 'no_answer': return ['Not covered by the policy', 'kind-no-answer'];
      case 'help': return ['Hello', 'kind-help'];
      default: return [answer.kind, 'kind-answer'];
    }
  }

  function render(asked, answer) {
    const node = template.content.firstElementChild.cloneNode(true);
    node.querySelector('.question-text').textContent = asked;
    const [label, kindClass] = badge(answer);
    const badgeNode = node.querySelector('.badge');
    badgeNode.textContent = label;
    badgeNode.classList.add(kindClass);
    const notice = renderBody(node.querySelector('.body'), answer);
    const meta = [];
    if (answer.route) meta.push('Team: ' + answer.route);
    if (answer.policy_version) meta.push('Policy version ' + answer.policy_version);
    node.querySelector('.meta').textContent = meta.join(' \u00b7 ');
    const noticeNode = node.querySelector('.notice');
    if (notice) noticeNode.textContent = notice; else noticeNode.remove();
    wireActions(node, asked, answer);
    return node;
  }

  function wireActions(node, asked, answer) {
    const helpful = node.querySelector('.helpful');
    const notHelpful = node.querySelector('.not-helpful');
    const specialist = node.querySelector('.specialist');
    const actionStatus = node.querySelector('.action-status');
    const specialistForm = node.querySelector('.specialist-form');
    const contact = specialistForm.querySelector('input[name=contact]');
    const details = specialistForm.querySelector('textarea[name=details]');

    async function sendFeedback(isHelpful, button) {
      helpful.disabled = notHelpful.disabled = true;
      actionStatus.textContent = 'Sending your feedback\u2026';
      const result = await post('/api/feedback', {
        id: answer.id, question: asked, helpful: isHelpful,
        policy_version: answer.policy_version, conversation: conversation
      });
      if (result.status === 201) {
        button.setAttribute('aria-pressed', 'true');
        actionStatus.textContent = result.data.message || 'Thank you: your feedback was recorded.';
      } else {
        helpful.disabled = notHelpful.disabled = false;
        actionStatus.textContent = result.data && result.data.error ? result.data.error : 'Your feedback could not be sent.';
        if (result.status === 401) askForToken(actionStatus.textContent);
      }
    }

    helpful.addEventListener('click', function () { sendFeedback(true, helpful); });
    notHelpful.addEventListener('click', function () { sendFeedback(false, notHelpful); });

    function closeForm() {
      specialistForm.hidden = true;
      specialist.setAttribute('aria-expanded', 'false');
      specialist.focus();
    }

    specialist.addEventListener('click', function () {
      const opening = specialistForm.hidden;
      specialistForm.hidden = !opening;
      specialist.setAttribute('aria-expanded', String(opening));
      if (opening) contact.focus();
    });
    specialistForm.querySelector('.cancel').addEventListener('click', closeForm);
    specialistForm.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') closeForm();
    });

    specialistForm.addEventListener('submit', async function (e) {
      e.preventDefault();
      if (!contact.value.trim()) {
        contact.setAttribute('aria-invalid', 'true');
        actionStatus.textContent = 'Please say how the specialist can contact you.';
        contact.focus();
        return;
      }
      contact.removeAttribute('aria-invalid');
      const send = specialistForm.querySelector('button[type=submit]');
      send.disabled = true;
      actionStatus.textContent = 'Sending to a specialist\u2026';
      const body = { id: answer.id, question: asked, contact: contact.value.trim(), conversation: conversation };
      if (details.value.trim()) body.details = details.value.trim();
      if (answer.route) body.route = answer.route;
      const result = await post('/api/escalations', body);
      send.disabled = false;
      if (result.status === 201) {
        actionStatus.textContent = result.data.message || 'Your question was passed to a specialist.';
        specialistForm.hidden = true;
        specialist.setAttribute('aria-expanded', 'false');
        specialist.disabled = true;
        actionStatus.setAttribute('tabindex', '-1');
        actionStatus.focus();
      } else {
        actionStatus.textContent = result.data && result.data.error ? result.data.error : 'Your request could not be sent.';
        if (result.status === 401) askForToken(actionStatus.textContent);
      }
    });
  }

  question.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    const text = question.value.trim();
    if (!text) {
      showQuestionError('Please type a question first.');
      return;
    }
    clearQuestionError();
    askButton.disabled = true;
    status.textContent = 'Looking in the policy\u2026';
    asked += 1;
    const result = await post('/api/ask', { id: 'web-' + asked, text: text, conversation: conversation });
    askButton.disabled = false;
    if (result.status === 200 && result.data && result.data.kind) {
      status.textContent = '';
      empty.hidden = true;
      log.prepend(render(text, result.data));
      question.value = '';
      question.focus();
    } else if (result.status === 401) {
      askForToken(result.data.error);
    } else {
      status.textContent = '';
      showQuestionError(result.data && result.data.error ? result.data.error : 'Something went wrong (status ' + result.status + ').');
    }
  });
})();
